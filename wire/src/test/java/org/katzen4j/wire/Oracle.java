package org.katzen4j.wire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Go oracle binary that knows a given verifier or command, for the tests that need Go
 * (Java-to-Go checks, the interactive wire peer). Order: {@code -Dkatzen4j.oracle=PATH} or
 * {@code KATZEN4J_ORACLE}; {@code interop/bin/oracle}; a fresh {@code go build} of
 * {@code interop/oracle} into {@code target/}. When none works the calling test is skipped with the
 * reason (JUnit assumption), never silently passed.
 */
public final class Oracle {
    private static Path cached;
    private static String whyNot;

    private Oracle() {}

    /** An oracle whose {@code list} output contains {@code name}; skips the test otherwise. */
    public static synchronized Path require(String name) {
        Path p = find(name);
        assumeTrue(p != null, "Go oracle with '" + name + "' unavailable: " + whyNot);
        return p;
    }

    private static Path find(String name) {
        if (cached != null && knows(cached, name)) {
            return cached;
        }
        String prop = System.getProperty("katzen4j.oracle", System.getenv("KATZEN4J_ORACLE"));
        if (prop != null && !prop.isBlank() && Files.isExecutable(Path.of(prop)) && knows(Path.of(prop), name)) {
            return cached = Path.of(prop); // explicitly chosen: trusted as is
        }
        Path interop = repoRoot().resolve("interop");
        Path built = Path.of("target/oracle-wire-test").toAbsolutePath();
        long newestSource = newestWireSource(interop);
        for (Path c : List.of(interop.resolve("bin/oracle"), built)) {
            // a binary older than the wire oracle sources may lack flags the tests use
            if (Files.isExecutable(c) && modified(c) >= newestSource && knows(c, name)) {
                return cached = c;
            }
        }
        // Build one from source if Go is present: the whole oracle, or, if another area's file
        // does not compile right now, just the frame and the wire files.
        List<String> wireOnly = new ArrayList<>(List.of("build", "-o", built.toString()));
        for (String f : List.of("main.go", "registry.go", "gen.go", "benchtime.go")) {
            wireOnly.add("oracle/" + f);
        }
        try (var files = Files.list(interop.resolve("oracle"))) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("wire_") && f.endsWith(".go"))
                    .sorted().forEach(f -> wireOnly.add("oracle/" + f));
        } catch (IOException e) {
            whyNot = "cannot list interop/oracle: " + e.getMessage();
            return null;
        }
        if (!goBuild(interop, List.of("build", "-o", built.toString(), "./oracle"))
                && !goBuild(interop, wireOnly)) {
            return null;
        }
        if (knows(built, name)) {
            return cached = built;
        }
        whyNot = "the oracle has no '" + name + "'";
        return null;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long newestWireSource(Path interop) {
        try (var files = Files.list(interop.resolve("oracle"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("wire_")).mapToLong(Oracle::modified).max()
                    .orElse(0);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean goBuild(Path interop, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("go");
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(interop.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/oracle-build.log"));
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                whyNot = "go build timed out";
                return false;
            }
            if (p.exitValue() != 0) {
                whyNot = "go build of interop/oracle failed (see wire/target/oracle-build.log)";
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
            Process p = new ProcessBuilder(oracle.toString(), "list").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out.lines().anyMatch(l -> l.trim().split("\\s+").length >= 2 && l.trim().split("\\s+")[1].equals(name));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code oracle verify name file}; returns the exit code and output. */
    public static Result verify(String name, Path file) throws IOException, InterruptedException {
        Path o = require(name);
        Process p = new ProcessBuilder(o.toString(), "verify", name, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exitCode, String output) {}

    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("interop/oracle"))) {
                return p;
            }
        }
        return here.getParent();
    }
}
