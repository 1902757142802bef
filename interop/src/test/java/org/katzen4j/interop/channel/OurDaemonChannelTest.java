package org.katzen4j.interop.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
import org.katzen4j.daemon.channel.PigeonholeChannels;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Pigeonhole through our daemon and the reference courier and storage replicas: Alice writes on
 * one thin-client connection, Bob reads on another; multi-message channels in order; the second
 * replica's reply; a read query prepared before a daemon restart and resumed from what Bob
 * persisted. Skipped (with the reason) when the daemon answers channel requests with "service
 * unavailable" (channel service not wired or the CTIDH native library missing).
 */
@Tag("interop")
@ReferenceTestnet
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OurDaemonChannelTest {
    static final Duration STEP = Duration.ofSeconds(90);

    ReferenceNetwork net;
    DaemonAssembly daemon;
    Path thinToml;

    @BeforeAll
    void startOurDaemon(ReferenceNetwork network) throws Exception {
        this.net = network;
        if (System.getProperty("katzen4j.ctidh.lib") == null && System.getenv("KATZEN4J_CTIDH_LIB") == null) {
            for (Path p : new Path[] {Path.of("../pigeonhole/target/native/libk4jctidh1024.so"),
                    Path.of("pigeonhole/target/native/libk4jctidh1024.so")}) {
                if (Files.isRegularFile(p)) {
                    System.setProperty("katzen4j.ctidh.lib", p.toAbsolutePath().toString());
                    break;
                }
            }
        }
        start();
    }

    private void start() throws Exception {
        ClientConfig cfg = ClientConfig.load(net.clientToml());
        DaemonAssembly.Options o = DaemonAssembly.Options.defaults().withListen("tcp", "127.0.0.1:0")
                .withEpochTime(new EpochTime(net.epochPeriod())).withChannels(new PigeonholeChannels());
        daemon = DaemonAssembly.start(cfg, o);
        if (thinToml == null) {
            thinToml = Files.createTempFile("k4j-thinclient", ".toml");
        }
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

    private ThinClient client() throws Exception {
        ThinClient c = ThinClient.dial(thinToml);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((!c.isConnected() || c.pkiDocument().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(c.isConnected()).isTrue();
        return c;
    }

    private static ThinResponse.CreateWriteChannelReply createWrite(ThinClient c) throws Exception {
        try {
            return ThinClient.await(c.createWriteChannel(), STEP);
        } catch (ThinClientException e) {
            assumeTrue(e.kind() != ThinClientException.Kind.ERROR_REPLY || e.errorCode() != 10,
                    "our daemon does not serve channels: " + e.getMessage());
            throw e;
        }
    }

    /** The guide's write: send the prepared payload twice (ACK, then the cached replica reply). */
    private static void sendWrite(ThinClient c, int ch, ThinResponse.WriteChannelReply w, Destination courier)
            throws Exception {
        for (int i = 0; i < 2; i++) {
            byte[] r = c.sendChannelQueryAwaitReply(ch, w.sendMessagePayload().toByteArray(), courier, c.newMessageId(),
                    STEP);
            assertThat(r).isEmpty();
        }
    }

    /** Sends a prepared read until a non-empty payload arrives (the first copy is always ACKed). */
    private static String sendRead(ThinClient c, int ch, byte[] payload, Destination courier) throws Exception {
        for (int i = 0; i < 12; i++) {
            byte[] got = c.sendChannelQueryAwaitReply(ch, payload, courier, c.newMessageId(), STEP);
            if (got.length > 0) {
                return new String(got, StandardCharsets.UTF_8);
            }
            Thread.sleep(1000);
        }
        return "";
    }

    @Test
    @Order(1)
    void aliceWritesBobReadsInOrderAndFromTheSecondReplica() throws Exception {
        try (ThinClient alice = client(); ThinClient bob = client()) {
            Destination courier = alice.getCourierDestination();
            ThinResponse.CreateWriteChannelReply w = createWrite(alice);
            String m1 = "katzen4j channel one " + System.nanoTime();
            String m2 = "katzen4j channel two " + System.nanoTime();
            long t0 = System.nanoTime();
            ThinResponse.WriteChannelReply w1 = ThinClient.await(alice.writeChannel(w.channelId(),
                    m1.getBytes(StandardCharsets.UTF_8)), STEP);
            System.out.printf("write_channel prepared in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            ThinResponse.WriteChannelReply w2 = ThinClient.await(alice.writeChannel(w.channelId(),
                    m2.getBytes(StandardCharsets.UTF_8)), STEP);
            assertThat(w2.currentMessageIndex()).isEqualTo(w1.nextMessageIndex());
            sendWrite(alice, w.channelId(), w1, courier);
            sendWrite(alice, w.channelId(), w2, courier);

            int reader = ThinClient.await(bob.createReadChannel(w.readCap()), STEP).channelId();
            ThinResponse.ReadChannelReply r1 = ThinClient.await(bob.readChannel(reader, null, null), STEP);
            assertThat(sendRead(bob, reader, r1.sendMessagePayload().toByteArray(), courier)).isEqualTo(m1);
            ThinResponse.ReadChannelReply r2 = ThinClient.await(bob.readChannel(reader, null, null), STEP);
            assertThat(r2.currentMessageIndex()).isEqualTo(r1.nextMessageIndex());
            assertThat(sendRead(bob, reader, r2.sendMessagePayload().toByteArray(), courier)).isEqualTo(m2);

            // the other intermediate replica's reply for the first box
            ThinResponse.ReadChannelReply again = ThinClient.await(bob.readChannel(reader,
                    MessageBoxIndex.of(r1.currentMessageIndex().toByteArray()), 1), STEP);
            assertThat(again.replyIndex()).isEqualTo(1);
            assertThat(sendRead(bob, reader, again.sendMessagePayload().toByteArray(), courier)).isEqualTo(m1);
        }
    }

    @Test
    @Order(2)
    void aReadPreparedBeforeADaemonRestartIsResumedFromWhatBobPersisted() throws Exception {
        String m;
        ThinResponse.CreateWriteChannelReply w;
        ThinResponse.ReadChannelReply r;
        Destination courier;
        try (ThinClient alice = client(); ThinClient bob = client()) {
            courier = alice.getCourierDestination();
            w = createWrite(alice);
            m = "katzen4j resumed read " + System.nanoTime();
            ThinResponse.WriteChannelReply wr = ThinClient.await(alice.writeChannel(w.channelId(),
                    m.getBytes(StandardCharsets.UTF_8)), STEP);
            sendWrite(alice, w.channelId(), wr, courier);
            int reader = ThinClient.await(bob.createReadChannel(w.readCap()), STEP).channelId();
            r = ThinClient.await(bob.readChannel(reader, null, null), STEP);
        }
        daemon.close();
        start();
        try (ThinClient bob = client()) {
            int ch = ThinClient.await(bob.resumeReadChannelQuery(w.readCap(),
                    MessageBoxIndex.of(r.currentMessageIndex().toByteArray()), null,
                    r.envelopeDescriptor().toByteArray(), r.envelopeHash()), STEP);
            assertThat(sendRead(bob, ch, r.sendMessagePayload().toByteArray(), courier)).isEqualTo(m);
        }
    }
}
