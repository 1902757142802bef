package org.katzen4j.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds a Go oracle that knows a verifier, for the Java → Go tests. Order: {@code -Dkatzen4j.oracle}
 * / {@code KATZEN4J_ORACLE}; a fresh build of the oracle frame plus the {@code crypto_*.go} files into
 * {@code target/} (only our own files, so another area's unfinished oracle file cannot break it, and
 * never a stale binary); {@code interop/bin/oracle} when Go is missing. Without any, the test is
 * skipped with the reason, never passed.
 */
final class GoOracle {
    private static Path cached;
    private static String whyNot = "not searched";

    private GoOracle() {
    }

    static synchronized Path require(String verifier) {
        Path p = find(verifier);
        assumeTrue(p != null, "Go oracle with '" + verifier + "' unavailable: " + whyNot);
        return p;
    }

    /** Runs {@code oracle verify name file} and returns exit code and output. */
    static Result verify(String name, Path file) throws IOException, InterruptedException {
        Path o = require(name);
        Process p = new ProcessBuilder(o.toString(), "verify", name, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exitCode, String output) {
    }

    private static Path find(String name) {
        if (cached != null) {
            return cached;
        }
        String prop = System.getProperty("katzen4j.oracle", System.getenv("KATZEN4J_ORACLE"));
        if (prop != null && !prop.isBlank() && Files.isExecutable(Path.of(prop)) && knows(Path.of(prop), name)) {
            return cached = Path.of(prop);
        }
        Path interop = repoRoot().resolve("interop");
        Path built = Path.of("target/oracle-crypto-test").toAbsolutePath();
        // Prefer a build from the current sources; fall back to interop/bin/oracle without Go.
        Path fresh = build(interop, built);
        if (fresh != null && knows(fresh, name)) {
            return cached = fresh;
        }
        Path bin = interop.resolve("bin/oracle");
        if (Files.isExecutable(bin) && knows(bin, name)) {
            return cached = bin;
        }
        if (fresh != null) {
            whyNot = "the oracle has no '" + name + "'";
        }
        return null;
    }

    private static Path build(Path interop, Path built) {
        try {
            String goVersion = run(interop, "go", "env", "GOVERSION").trim();
            boolean go126 = goVersion.matches("go1\\.(2[6-9]|[3-9]\\d).*");
            List<String> cmd = new ArrayList<>(List.of("go", "build", "-o", built.toString()));
            for (String f : List.of("main.go", "registry.go", "gen.go", "benchtime.go")) {
                cmd.add("./oracle/" + f);
            }
            try (Stream<Path> files = Files.list(interop.resolve("oracle"))) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith("crypto_") && f.endsWith(".go"))
                        .filter(f -> !f.equals(go126 ? "crypto_mlkem_old.go" : "crypto_mlkem_go126.go"))
                        .sorted()
                        .forEach(f -> cmd.add("./oracle/" + f));
            }
            Files.createDirectories(Path.of("target"));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(interop.toFile()).redirectErrorStream(true)
                    .redirectOutput(new File("target/oracle-build.log"));
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                whyNot = "go build timed out";
                return null;
            }
            if (p.exitValue() != 0) {
                whyNot = "go build of the crypto oracle failed (see crypto/target/oracle-build.log)";
                return null;
            }
            return built;
        } catch (IOException e) {
            whyNot = "no 'go' on PATH (" + e.getMessage() + ")";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return null;
        }
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static boolean knows(Path oracle, String name) {
        try {
            String out = run(Path.of("."), oracle.toString(), "list");
            return out.lines().map(String::trim).map(l -> l.split("\\s+"))
                    .anyMatch(w -> w.length >= 2 && w[1].equals(name));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

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
