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
 * The published Python thin client (PyPI katzenpost-thinclient 0.0.11, installed into a venv by
 * interop/thin/python/run.sh) against our listener and the scripted engine: start (status then
 * PKI document), core, legacy and channel calls. Skipped with a reason when python3 or the
 * package cannot be installed.
 */
class PythonThinClientInteropTest {

    /** All 14 Sphinx geometry keys: the Python client's Geometry takes them as required arguments. */
    static String toml(String address) {
        return """
                Network = "tcp"
                Address = "%s"

                [SphinxGeometry]
                  PacketLength = 3082
                  NrHops = 5
                  HeaderLength = 476
                  RoutingInfoLength = 410
                  PerHopRoutingInfoLength = 82
                  SURBLength = 572
                  SphinxPlaintextHeaderLength = 2
                  PayloadTagLength = 32
                  ForwardPayloadLength = 2574
                  UserForwardPayloadLength = 2000
                  NextNodeHopLength = 65
                  SPRPKeyMaterialLength = 64
                  NIKEName = "x25519"
                  KEMName = ""

                [PigeonholeGeometry]
                  MaxPlaintextPayloadLength = %d
                """.formatted(address, ScriptedEngine.MAX_PLAINTEXT);
    }

    @Test
    void publishedPythonThinClientAgainstOurListener(@TempDir Path dir) throws Exception {
        Path script = Path.of("..", "interop", "thin", "python", "run.sh").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(script), "missing " + script);
        Path venv = Path.of("target", "py-thin-venv").toAbsolutePath();
        SecureRandom rng = new SecureRandom();
        ScriptedEngine engine = new ScriptedEngine(rng, false);
        try (ThinListener listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0"), engine, rng,
                false)) {
            engine.router().connectionStatus(true);
            engine.router().pkiDocument(TestDocs.body().encodeCanonical(), TestDocs.body().encodeDefault());
            Path toml = dir.resolve("thinclient.toml");
            Files.writeString(toml, toml(listener.addressString()));
            Process p;
            try {
                p = new ProcessBuilder("bash", script.toString(), venv.toString(), toml.toString())
                        .redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                assumeTrue(false, "cannot run bash: " + e.getMessage());
                return;
            }
            boolean done = p.waitFor(300, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done).as(out).isTrue();
            assumeTrue(out.contains("ok start") || p.exitValue() == 0 || !out.contains("pip"),
                    "python thin client not installable here: " + out);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("ok send_message: sent event then reply", "ok send_message_without_reply",
                    "ok resume channels", "ALL OK");
            // the without-reply send reached the engine and the daemon stayed up
            assertThat(engine.seen.stream().filter(s -> s.request() instanceof
                    org.katzen4j.thinclient.protocol.ThinRequest.SendMessage m && !m.withSurb())).hasSize(1);
            System.out.println(out);
        }
    }
}
