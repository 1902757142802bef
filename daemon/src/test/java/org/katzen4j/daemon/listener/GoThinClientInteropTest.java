package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference Go thin client (interop/thin/gothin, client2/thin of the reference) against our
 * listener and the scripted engine: dial, events in order, every request type answered. Needs
 * the gothin binary (KATZEN4J_GOTHIN) or a Go toolchain to build it; skipped with a reason
 * otherwise.
 */
class GoThinClientInteropTest {

    static Path gothin(Path work) throws Exception {
        String env = System.getenv("KATZEN4J_GOTHIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path interop = Path.of("..", "interop").toAbsolutePath().normalize();
        Path out = Path.of("target", "gothin").toAbsolutePath();
        if (Files.isExecutable(out)) {
            return out;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", out.toString(), "./thin/gothin")
                    .directory(interop.toFile()).redirectErrorStream(true);
            pb.environment().put("GOSUMDB", "off");
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                assumeTrue(false, "cannot build interop/thin/gothin: " + text);
            }
        } catch (java.io.IOException e) {
            assumeTrue(false, "no Go toolchain to build interop/thin/gothin: " + e.getMessage());
        }
        return out;
    }

    @Test
    void referenceGoThinClientAgainstOurListener(@TempDir Path dir) throws Exception {
        Path bin = gothin(dir);
        SecureRandom rng = new SecureRandom();
        ScriptedEngine engine = new ScriptedEngine(rng, false);
        try (ThinListener listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0"), engine, rng,
                false)) {
            engine.router().connectionStatus(true);
            engine.router().pkiDocument(TestDocs.body().encodeCanonical(), TestDocs.body().encodeDefault());
            Path toml = dir.resolve("thinclient.toml");
            Files.writeString(toml, """
                    Network = "tcp"
                    Address = "%s"

                    [SphinxGeometry]
                      UserForwardPayloadLength = 2000
                      NIKEName = "x25519"

                    [PigeonholeGeometry]
                      MaxPlaintextPayloadLength = %d
                    """.formatted(listener.addressString(), ScriptedEngine.MAX_PLAINTEXT));
            Process p = new ProcessBuilder(bin.toString(), "-config", toml.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("ok dial epoch=100 services=2", "ok send_message events in order",
                    "ok send_channel_query_await_reply read", "ALL OK");
            // thin_close reached the listener, not the engine, and cleaned the app's state
            assertThat(engine.disconnected.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(engine.seen.stream().map(s -> s.request().key()).distinct().toList()).containsExactlyInAnyOrder(
                    "send_message", "send_arq_message", "create_write_channel", "write_channel",
                    "send_channel_query", "create_read_channel", "read_channel", "resume_write_channel",
                    "resume_write_channel_query", "resume_read_channel", "resume_read_channel_query",
                    "close_channel");
            System.out.println(out);
        }
    }
}
