package org.katzen4j.thinclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Java→Go: every Java-encoded frame (Go shape and the sparse one-key shape) must decode with
 * the reference's client2/thin types and re-marshal to the same Go-shaped bytes. Needs the
 * oracle binary (KATZEN4J_ORACLE or interop/bin/oracle) with the thin/frames verifier; skipped
 * with a reason otherwise.
 */
class GoVerifierTest {

    static Path oracle() {
        String env = System.getenv("KATZEN4J_ORACLE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of("..", "interop", "bin", "oracle").toAbsolutePath().normalize();
    }

    @Test
    void goDecodesJavaFrames() throws Exception {
        Path bin = oracle();
        assumeTrue(Files.isExecutable(bin), "Go oracle not built at " + bin + " (set KATZEN4J_ORACLE)");
        Process list = new ProcessBuilder(bin.toString(), "list").redirectErrorStream(true).start();
        String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(30, TimeUnit.SECONDS);
        assumeTrue(names.contains("thin/frames"), "oracle at " + bin + " predates the thin/frames verifier");

        Path out = Path.of("target", "thin", "java-frames.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writeValueAsString(ThinMessageVectorsTest.javaFrames()));
        Process p = new ProcessBuilder(bin.toString(), "verify", "thin/frames", out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("decoded by client2/thin");
    }
}
