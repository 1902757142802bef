package org.katzen4j.sphinx;

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
 * The Go oracle for Java-to-Go checks. Uses {@code -Dkatzen4j.oracle} / {@code KATZEN4J_ORACLE} if
 * set, else builds the frame plus the sphinx oracle files into {@code target/}. Without Go the
 * calling test is skipped (assumption) with the reason.
 */
final class GoOracle {
    private static Path cached;
    private static String whyNot;

    private GoOracle() {
    }

    static synchronized Path require() {
        if (cached == null && whyNot == null) {
            cached = locate();
        }
        assumeTrue(cached != null, "Go oracle unavailable: " + whyNot);
        return cached;
    }

    private static Path locate() {
        String prop = System.getProperty("katzen4j.oracle", System.getenv("KATZEN4J_ORACLE"));
        if (prop != null && !prop.isBlank() && Files.isExecutable(Path.of(prop))) {
            return Path.of(prop);
        }
        Path interop = repoRoot().resolve("interop");
        Path out = Path.of("target/oracle-sphinx-test").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("go", "build", "-o", out.toString()));
        try (Stream<Path> files = Files.list(interop.resolve("oracle"))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".go") && !n.endsWith("_test.go"))
                    .filter(n -> List.of("main.go", "registry.go", "gen.go", "benchtime.go").contains(n)
                            || n.startsWith("sphinx_"))
                    .sorted()
                    .forEach(n -> cmd.add("oracle/" + n));
        } catch (IOException e) {
            whyNot = "no interop/oracle directory: " + e.getMessage();
            return null;
        }
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(interop.toFile()).redirectErrorStream(true)
                    .redirectOutput(new File("target/oracle-sphinx-build.log"));
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                whyNot = "go build timed out";
                return null;
            }
            if (p.exitValue() != 0) {
                whyNot = "go build failed, see sphinx/target/oracle-sphinx-build.log";
                return null;
            }
            return out;
        } catch (IOException e) {
            whyNot = "no 'go' on PATH (" + e.getMessage() + ")";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return null;
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(require().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
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
