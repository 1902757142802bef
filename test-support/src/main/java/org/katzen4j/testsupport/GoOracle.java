package org.katzen4j.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Go oracle ({@code interop/oracle}) for tests that check Java output against the reference (the
 * Java → Go direction) or talk to a Go peer. There is one instance per area (crypto, sphinx, wire,
 * ...); it knows which oracle source files make up the area, so a build needs only the shared frame
 * plus those files, and another area's unfinished file cannot break it.
 *
 * <p>The binary used is the first of these that lists the requested verifier or command:
 * <ol>
 *   <li>{@code -Dkatzen4j.oracle=PATH} or {@code KATZEN4J_ORACLE}, taken as it is;</li>
 *   <li>the area's earlier build ({@code target/oracle-<area>-test}) or {@code interop/bin/oracle}, if
 *       it is not older than the area's sources (and {@code go.mod}/{@code go.sum});</li>
 *   <li>a fresh {@code go build} of the frame plus the area's files into {@code target/}, and if that
 *       fails or lacks the name, of the whole oracle;</li>
 *   <li>when nothing can be built (no Go), an older binary from 2 that still lists the name.</li>
 * </ol>
 * Without one, the calling test is skipped through a JUnit assumption that gives the reason; it is
 * never passed silently.
 */
public final class GoOracle {
    /** The oracle files every build needs, whatever the area. */
    static final List<String> FRAME = List.of("main.go", "registry.go", "gen.go", "benchtime.go");

    private static final Map<String, GoOracle> AREAS = new HashMap<>();
    private static final long LIST_SECONDS = 60;
    private static final long RUN_SECONDS = 300;
    private static final long BUILD_SECONDS = 600;
    private static final Pattern GO_MINOR = Pattern.compile("go1\\.(\\d+)");

    private final String area;
    private final List<String> filePrefixes;
    private Path cached;
    private String whyNot = "not searched";

    private GoOracle(String area, List<String> filePrefixes) {
        this.area = area;
        this.filePrefixes = filePrefixes;
    }

    /** The oracle for an area whose files are {@code interop/oracle/<area>_*.go}. */
    public static GoOracle forArea(String area) {
        return forArea(area, area + "_");
    }

    /**
     * The oracle for an area made of the files whose names start with one of {@code filePrefixes}
     * (e.g. {@code "pki_docs"} when the area's other files need another area's helpers).
     */
    public static synchronized GoOracle forArea(String area, String... filePrefixes) {
        List<String> prefixes = List.of(filePrefixes);
        GoOracle o = AREAS.computeIfAbsent(area, a -> new GoOracle(a, prefixes));
        if (!o.filePrefixes.equals(prefixes)) {
            throw new IllegalArgumentException("oracle area " + area + " already uses files " + o.filePrefixes);
        }
        return o;
    }

    /** Exit code and combined stdout/stderr of one oracle run. */
    public record Result(int exitCode, String output) {
    }

    /** An oracle binary that lists {@code name}; skips the calling test (assumption) otherwise. */
    public synchronized Path require(String name) {
        Path p = find(name);
        assumeTrue(p != null, "Go oracle with '" + name + "' unavailable: " + whyNot);
        return p;
    }

    /** Runs {@code oracle verify <name> <file>}. */
    public Result verify(String name, Path file) throws IOException, InterruptedException {
        return exec(require(name), List.of("verify", name, file.toString()));
    }

    /** Runs {@code oracle run <name> <args...>}. */
    public Result command(String name, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("run", name));
        all.addAll(List.of(args));
        return exec(require(name), all);
    }

    /** Runs {@code oracle <args...>} with a five-minute limit (exit code -1 when it is exceeded). */
    public static Result exec(Path oracle, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(oracle.toString());
        cmd.addAll(args);
        return runProcess(new ProcessBuilder(cmd), RUN_SECONDS);
    }

    /** The repository root: the nearest directory upwards holding {@code interop/oracle}. */
    public static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("interop/oracle"))) {
                return p;
            }
        }
        return here.getParent();
    }

    private Path find(String name) {
        if (cached != null && knows(cached, name)) {
            return cached;
        }
        String prop = System.getProperty("katzen4j.oracle", System.getenv("KATZEN4J_ORACLE"));
        if (prop != null && !prop.isBlank() && Files.isExecutable(Path.of(prop)) && knows(Path.of(prop), name)) {
            return cached = Path.of(prop);
        }
        Path interop = repoRoot().resolve("interop");
        Path oracleDir = interop.resolve("oracle");
        if (!Files.isDirectory(oracleDir)) {
            whyNot = "no interop/oracle above " + Path.of("").toAbsolutePath();
            return null;
        }
        Path built = Path.of("target", "oracle-" + area + "-test").toAbsolutePath();
        List<Path> existing = List.of(built, interop.resolve("bin/oracle"));

        String goVersion;
        try {
            goVersion = output(interop, "go", "env", "GOVERSION").trim();
        } catch (IOException e) {
            whyNot = "no 'go' on PATH (" + e.getMessage() + ")";
            return anyListing(existing, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return null;
        }
        List<String> sources;
        try {
            sources = sourceFiles(oracleDir, goVersion);
        } catch (IOException e) {
            whyNot = "cannot list interop/oracle: " + e.getMessage();
            return null;
        }
        long newest = newestModified(interop, sources);
        for (Path c : existing) {
            if (Files.isExecutable(c) && modified(c) >= newest && knows(c, name)) {
                return cached = c;
            }
        }
        List<String> areaBuild = new ArrayList<>(List.of("build", "-o", built.toString()));
        sources.forEach(f -> areaBuild.add("oracle/" + f));
        boolean areaOnly = goBuild(interop, areaBuild, "build");
        if (areaOnly && knows(built, name)) {
            return cached = built;
        }
        String areaWhy = areaOnly ? "frame + " + area + " files lack '" + name + "'" : whyNot;
        boolean whole = goBuild(interop, List.of("build", "-o", built.toString(), "./oracle"), "whole-build");
        if (whole && knows(built, name)) {
            return cached = built;
        }
        whyNot = areaWhy + "; whole oracle: " + (whole ? "has no '" + name + "'" : whyNot);
        return null;
    }

    private Path anyListing(List<Path> candidates, String name) {
        for (Path c : candidates) {
            if (Files.isExecutable(c) && knows(c, name)) {
                return cached = c;
            }
        }
        return null;
    }

    /** The frame plus this area's files, in name order, without those the Go version excludes. */
    List<String> sourceFiles(Path oracleDir, String goVersion) throws IOException {
        List<String> out = new ArrayList<>(FRAME);
        try (Stream<Path> files = Files.list(oracleDir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".go") && !n.endsWith("_test.go") && !FRAME.contains(n)
                        && filePrefixes.stream().anyMatch(n::startsWith) && buildsWith(f, goVersion)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /**
     * Whether a file's {@code //go:build} line admits this Go version. Files named on the
     * {@code go build} command line are not filtered by Go itself, so a version-specific pair (one file
     * for {@code go1.N}, one for {@code !go1.N}) must be chosen here. Other constraints admit the file.
     */
    private static boolean buildsWith(Path file, String goVersion) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("//go:build ")).findFirst()
                    .map(l -> versionAllows(l.substring("//go:build ".length()).trim(), goVersion))
                    .orElse(true);
        }
    }

    /** Evaluates a build constraint of the form {@code go1.N} or {@code !go1.N}; any other admits. */
    static boolean versionAllows(String constraint, String goVersion) {
        boolean negated = constraint.startsWith("!");
        Matcher want = GO_MINOR.matcher(negated ? constraint.substring(1) : constraint);
        Matcher have = GO_MINOR.matcher(goVersion);
        if (!want.matches() || !have.lookingAt()) {
            return true;
        }
        boolean atLeast = Integer.parseInt(have.group(1)) >= Integer.parseInt(want.group(1));
        return atLeast != negated;
    }

    private static long newestModified(Path interop, List<String> sources) {
        long newest = Math.max(modified(interop.resolve("go.mod")), modified(interop.resolve("go.sum")));
        for (String f : sources) {
            newest = Math.max(newest, modified(interop.resolve("oracle").resolve(f)));
        }
        return newest;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: nothing counts as newer
        }
    }

    private boolean goBuild(Path interop, List<String> args, String logName) {
        List<String> cmd = new ArrayList<>();
        cmd.add("go");
        cmd.addAll(args);
        Path log = Path.of("target", "oracle-" + area + "-" + logName + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(interop.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            if (!p.waitFor(BUILD_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                whyNot = "go build timed out";
                return false;
            }
            if (p.exitValue() != 0) {
                whyNot = "go build failed (see " + log + ")";
                return false;
            }
            return true;
        } catch (IOException e) {
            whyNot = "no 'go' on PATH (" + e.getMessage() + ")";
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return false;
        }
    }

    private static boolean knows(Path oracle, String name) {
        try {
            Result r = runProcess(new ProcessBuilder(oracle.toString(), "list"), LIST_SECONDS);
            return r.exitCode() == 0 && lists(r.output(), name);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code oracle list} output ({@code kind name ...} per line) names {@code name}. */
    static boolean lists(String listOutput, String name) {
        return listOutput.lines().map(String::trim).map(l -> l.split("\\s+"))
                .anyMatch(w -> w.length >= 2 && w[1].equals(name));
    }

    private static String output(Path dir, String... cmd) throws IOException, InterruptedException {
        return runProcess(new ProcessBuilder(cmd).directory(dir.toFile()), LIST_SECONDS).output();
    }

    /** Runs to completion or the limit; output goes through a file so a hung process cannot block the read. */
    private static Result runProcess(ProcessBuilder pb, long seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("katzen4j-oracle", ".out");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return done ? new Result(p.exitValue(), text) : new Result(-1, text + "\n(timed out)");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
