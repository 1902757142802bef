package org.katzen4j.pki;

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
 * Finds or builds a Go oracle that knows the PKI verifier, for the Java-to-Go tests. Order:
 * {@code -Dkatzen4j.oracle} / {@code KATZEN4J_ORACLE}, {@code interop/bin/oracle}, then a
 * {@code go build} of the oracle frame plus the PKI file into {@code target/}. Without one the
 * test is skipped with the reason.
 */
final class GoOracle {
    private static String whyNot = "";

    private GoOracle() {
    }

    static Path require(String verifier) {
        Path p = find(verifier);
        assumeTrue(p != null, "Go oracle with verifier '" + verifier + "' unavailable: " + whyNot);
        return p;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("interop/oracle/registry.go"))) {
            p = p.getParent();
        }
        return p;
    }

    private static Path find(String verifier) {
        Path root = repoRoot();
        if (root == null) {
            whyNot = "repository root with interop/oracle not found";
            return null;
        }
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("katzen4j.oracle", System.getenv("KATZEN4J_ORACLE"));
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        candidates.add(root.resolve("interop/bin/oracle"));
        for (Path c : candidates) {
            if (Files.isExecutable(c) && knows(c, verifier)) {
                return c;
            }
        }
        Path built = Path.of("target/oracle-pki-test").toAbsolutePath();
        try {
            Files.createDirectories(built.getParent());
            List<String> cmd = new ArrayList<>(List.of("go", "build", "-o", built.toString()));
            for (String f : List.of("main.go", "registry.go", "gen.go", "benchtime.go", "pki_docs.go")) {
                cmd.add("oracle/" + f);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.resolve("interop").toFile())
                    .redirectErrorStream(true).redirectOutput(new File("target/oracle-build.log"));
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                whyNot = "go build timed out";
                return null;
            }
            if (p.exitValue() != 0) {
                whyNot = "go build failed (see pki/target/oracle-build.log)";
                return null;
            }
        } catch (IOException e) {
            whyNot = "no 'go' on PATH (" + e.getMessage() + ")";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return null;
        }
        if (knows(built, verifier)) {
            return built;
        }
        whyNot = "the oracle has no verifier '" + verifier + "'";
        return null;
    }

    private static boolean knows(Path oracle, String name) {
        try {
            Process p = new ProcessBuilder(oracle.toString(), "list").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains(name);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code oracle verify name file}; returns the exit code and output. */
    static Result verify(Path oracle, String name, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(oracle.toString(), "verify", name, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timeout)");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exitCode, String output) {
    }
}
