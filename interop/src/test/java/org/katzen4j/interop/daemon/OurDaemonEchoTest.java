package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;

/**
 * Our daemon in place of the reference kpclientd on the reference testnet, started from the
 * genconfig-written client.toml (only the listen address differs): the reference {@code ping}
 * tool and our Java thin client send to the echo service through it and get the replies.
 */
@Tag("interop")
@ReferenceTestnet
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OurDaemonEchoTest {
    DaemonAssembly daemon;
    Path thinToml;

    @BeforeAll
    void startOurDaemon(ReferenceNetwork net) throws Exception {
        ClientConfig cfg = ClientConfig.load(net.clientToml());
        DaemonAssembly.Options o = DaemonAssembly.Options.defaults().withListen("tcp", "127.0.0.1:0")
                .withEpochTime(new EpochTime(net.epochPeriod()));
        daemon = DaemonAssembly.start(cfg, o);
        thinToml = Files.createTempFile("k4j-thinclient", ".toml");
        String toml = Files.readString(net.thinClientToml(), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$", "$1\"" + daemon.listener().addressString() + "\"");
        Files.writeString(thinToml, toml);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while ((!daemon.connected() || daemon.document().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(daemon.connected()).as("our daemon connected to the gateway").isTrue();
        assertThat(daemon.document()).as("our daemon has a verified PKI document").isPresent();
    }

    @AfterAll
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (thinToml != null) {
            Files.deleteIfExists(thinToml);
        }
    }

    static Path referenceTool(String name) {
        for (Path p : List.of(Path.of("bin", name), Path.of("interop", "bin", name), Path.of("..", "interop", "bin", name))) {
            if (Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    /** Runs the reference ping through our daemon; returns (successes, output). */
    record Ping(int ok, int total, String output) {
    }

    Ping ping(int n) throws Exception {
        Path ping = referenceTool("ping");
        assumeTrue(ping != null, "reference ping tool not built (interop/bin/ping)");
        Path log = Files.createTempFile("k4j-ping", ".log");
        Process p = new ProcessBuilder(ping.toString(), "--thin", "-c", thinToml.toString(), "-s", "echo", "-n",
                Integer.toString(n)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(Duration.ofSeconds(60L + 10L * n).toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println(out);
        Matcher m = Pattern.compile("Success rate is [0-9.]+ percent \\((\\d+)/(\\d+)\\)").matcher(out);
        assertThat(m.find()).as("ping finished with a summary:\n" + out).isTrue();
        return new Ping(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), out);
    }

    @Test
    @Order(1)
    void referencePingGetsEchoRepliesThroughOurDaemon() throws Exception {
        Ping r = ping(10);
        assertThat(r.total()).isEqualTo(10);
        // one ping may be lost when the epoch (2 min here) turns while it is in flight
        assertThat(r.ok()).as(r.output()).isGreaterThanOrEqualTo(9);
        assertThat(daemon.replies().delivered()).isGreaterThanOrEqualTo(r.ok());
    }

    @Test
    @Order(2)
    void javaThinClientGetsTheEchoThroughOurDaemon() throws Exception {
        try (ThinClient c = ThinClient.dial(thinToml)) {
            assertThat(c.isConnected()).isTrue();
            Destination echo = c.getService(ThinClient.ECHO);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String msg = "katzen4j echo " + i;
                byte[] reply = c.blockingSendMessage(msg.getBytes(StandardCharsets.UTF_8), echo, Duration.ofSeconds(60));
                got.add(new String(reply, 0, msg.length(), StandardCharsets.UTF_8));
            }
            assertThat(got).containsExactly("katzen4j echo 0", "katzen4j echo 1", "katzen4j echo 2");
        }
    }

    @Test
    @Order(3)
    void javaThinClientReliableSendIsAcknowledgedThroughOurDaemon() throws Exception {
        try (ThinClient c = ThinClient.dial(thinToml)) {
            Destination echo = c.getService(ThinClient.ECHO);
            byte[] reply = c.blockingSendReliableMessage(c.newMessageId(), "arq".getBytes(StandardCharsets.UTF_8), echo,
                    Duration.ofMinutes(2));
            assertThat(new String(reply, 0, 3, StandardCharsets.UTF_8)).isEqualTo("arq");
        }
    }

    @Test
    @Order(4)
    void newPkiDocumentEventArrivesWhenTheEpochChanges(ReferenceNetwork net) throws Exception {
        try (ThinClient c = ThinClient.dial(thinToml);
                org.katzen4j.thinclient.Subscription events = c.events(64)) {
            long first = c.pkiDocument().orElseThrow().epoch();
            long deadline = System.nanoTime() + net.epochPeriod().multipliedBy(2).plusSeconds(30).toNanos();
            Long next = null;
            while (next == null && System.nanoTime() < deadline) {
                var r = events.queue().poll(1, TimeUnit.SECONDS);
                if (r instanceof org.katzen4j.thinclient.protocol.ThinResponse.NewPkiDocumentEvent e) {
                    long epoch = org.katzen4j.thinclient.PkiDocument.parse(e.payload().toByteArray()).epoch();
                    if (epoch > first) {
                        next = epoch;
                    }
                }
            }
            assertThat(next).as("a new_pki_document_event for a later epoch than " + first).isNotNull();
            assertThat(next).isEqualTo(first + 1);
        }
    }
}
