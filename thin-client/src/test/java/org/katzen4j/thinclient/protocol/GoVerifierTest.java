package org.katzen4j.thinclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.katzen4j.testsupport.GoOracle;

import tools.jackson.databind.json.JsonMapper;

/**
 * Java→Go: every Java-encoded frame (Go shape and the sparse one-key shape) must decode with
 * the reference's client2/thin types and re-marshal to the same Go-shaped bytes. Needs a Go oracle
 * with the thin/frames verifier (see {@link GoOracle}); skipped with a reason otherwise.
 */
class GoVerifierTest {

    @Test
    void goDecodesJavaFrames() throws Exception {
        GoOracle oracle = GoOracle.forArea("thin");
        oracle.require("thin/frames");

        Path out = Path.of("target", "thin", "java-frames.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writeValueAsString(ThinMessageVectorsTest.javaFrames()));
        GoOracle.Result r = oracle.verify("thin/frames", out);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("decoded by client2/thin");
    }
}
