package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.Consensus;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.Disconnect;
import org.katzen4j.wire.commands.GetConsensus2;
import org.katzen4j.wire.commands.MessageEmpty;
import org.katzen4j.wire.commands.RetrieveMessage;
import org.katzen4j.wire.commands.SendRetrievePacketReply;
import org.katzen4j.wire.noise.NoiseKem;

/** The client session loop against a scripted Java gateway over loopback (real XWING both ways). */
class GatewayClientTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final CommandGeometry G = new CommandGeometry(1298, 216, 790, 32, 572, 2);

    ServerSocket server;
    KemPrivateKey gatewayKey;
    KemPrivateKey clientKey;
    byte[] identity = new byte[32];
    CompletableFuture<WireSession> gatewaySide = new CompletableFuture<>();

    @BeforeEach
    void setUp() throws Exception {
        RANDOM.nextBytes(identity);
        gatewayKey = Schemes.XWING.generate(RANDOM);
        clientKey = Schemes.XWING.generate(RANDOM);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                Socket s = server.accept();
                gatewaySide.complete(WireSession.accept(s, config(), NoiseKem.local(gatewayKey), KeyHash.of(identity),
                        PeerAuthenticator.acceptAll()));
            } catch (Exception e) {
                gatewaySide.completeExceptionally(e);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        gatewayKey.close();
        clientKey.close();
    }

    static WireSession.Config config() {
        return WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(G));
    }

    WireSession connect() throws Exception {
        return WireSession.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                config(), NoiseKem.local(clientKey), "0123456789abcdef0123456789abcdef".getBytes(),
                PeerAuthenticator.gateway(gatewayKey.publicKey().encoded(), identity));
    }

    static final class Recorder implements GatewayClient.Listener {
        final CompletableFuture<WireException> closed = new CompletableFuture<>();

        @Override
        public void onClosed(WireException cause) {
            closed.complete(cause);
        }
    }

    GatewayClient client(WireSession s, Recorder r) {
        return new GatewayClient(s, r, Duration.ZERO, Duration.ofMillis(10), Duration.ofSeconds(5)).start();
    }

    @Test
    void wrongSequenceEndsTheSession() throws Exception {
        Recorder r = new Recorder();
        GatewayClient c = client(connect(), r);
        WireSession gw = gatewaySide.get(10, TimeUnit.SECONDS);
        assertThat(gw.receive()).isEqualTo(new RetrieveMessage(0));
        gw.send(new MessageEmpty(5));
        WireException cause = r.closed.get(10, TimeUnit.SECONDS);
        assertThat(cause.kind()).isEqualTo(WireException.Kind.PROTOCOL);
        assertThat(cause).hasMessageContaining("sequence 5");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void emptyQueueDoesNotAdvanceTheSequence() throws Exception {
        Recorder r = new Recorder();
        GatewayClient c = client(connect(), r);
        WireSession gw = gatewaySide.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertThat(gw.receive()).isEqualTo(new RetrieveMessage(0));
            gw.send(new MessageEmpty(0));
        }
        assertThat(c.nextSequence()).isZero();
        c.close();
        assertThat(r.closed.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void unsolicitedConsensus2EndsTheSession() throws Exception {
        Recorder r = new Recorder();
        client(connect(), r);
        WireSession gw = gatewaySide.get(10, TimeUnit.SECONDS);
        gw.send(new Consensus2(0, 0, 1, new byte[10]));
        assertThat(r.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.PROTOCOL);
    }

    @Test
    void singleShotConsensusAndRetrieveRepliesAreUnexpected() throws Exception {
        Recorder r = new Recorder();
        client(connect(), r);
        WireSession gw = gatewaySide.get(10, TimeUnit.SECONDS);
        gw.send(new Consensus(0, new byte[5]));
        assertThat(r.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.UNEXPECTED_COMMAND);

        GatewayClientTest second = new GatewayClientTest();
        second.setUp();
        try {
            Recorder r2 = new Recorder();
            second.client(second.connect(), r2);
            WireSession gw2 = second.gatewaySide.get(10, TimeUnit.SECONDS);
            gw2.send(new SendRetrievePacketReply(new byte[16], new byte[3]));
            assertThat(r2.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.UNEXPECTED_COMMAND);
        } finally {
            second.tearDown();
        }
    }

    @Test
    void disconnectEndsTheSession() throws Exception {
        Recorder r = new Recorder();
        client(connect(), r);
        gatewaySide.get(10, TimeUnit.SECONDS).send(Disconnect.INSTANCE);
        assertThat(r.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.CLOSED);
    }

    @Test
    void consensusErrorCodesAndChunkChecks() throws Exception {
        Recorder r = new Recorder();
        GatewayClient c = new GatewayClient(connect(), r, Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5))
                .start();
        WireSession gw = gatewaySide.get(10, TimeUnit.SECONDS);
        CompletableFuture<ConsensusReply> gone = CompletableFuture.supplyAsync(() -> fetch(c, 9));
        assertThat(gw.receive()).isEqualTo(new GetConsensus2(9));
        gw.send(new Consensus2(2, 0, 1, new byte[0]));
        assertThat(gone.get(10, TimeUnit.SECONDS).status()).isEqualTo(ConsensusReply.Status.GONE);

        byte[] doc = "a signed consensus".getBytes();
        byte[] gz = gzip(doc);
        CompletableFuture<ConsensusReply> found = CompletableFuture.supplyAsync(() -> fetch(c, 10));
        assertThat(gw.receive()).isEqualTo(new GetConsensus2(10));
        gw.send(new Consensus2(0, 0, 2, java.util.Arrays.copyOf(gz, 5)));
        gw.send(new Consensus2(0, 1, 2, java.util.Arrays.copyOfRange(gz, 5, gz.length)));
        assertThat(found.get(10, TimeUnit.SECONDS).certificate()).isEqualTo(doc);

        // out-of-order chunk numbering is fatal
        CompletableFuture<ConsensusReply> bad = CompletableFuture.supplyAsync(() -> fetch(c, 11));
        assertThat(gw.receive()).isEqualTo(new GetConsensus2(11));
        gw.send(new Consensus2(0, 1, 2, new byte[3]));
        assertThat(r.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.PROTOCOL);
        assertThat(bad.get(10, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> c.fetchConsensus(12)).isInstanceOf(TransportException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void consensusTimeoutIsTypedAndEndsTheSession() throws Exception {
        Recorder r = new Recorder();
        GatewayClient c = new GatewayClient(connect(), r, Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMillis(300)).start();
        gatewaySide.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> c.fetchConsensus(1)).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((WireException) e).kind()).isEqualTo(WireException.Kind.TIMEOUT));
        assertThat(r.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(WireException.Kind.TIMEOUT);
    }

    @Test
    void handshakeTimesOutAgainstASilentPeer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    silent.accept();
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            WireSession.Config cfg = new WireSession.Config(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(G),
                    Duration.ofSeconds(5), Duration.ofMillis(300), java.time.Clock.systemUTC());
            assertThatThrownBy(() -> WireSession.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    silent.getLocalPort()), cfg, NoiseKem.local(clientKey), new byte[32], PeerAuthenticator.acceptAll()))
                    .isInstanceOf(HandshakeException.class)
                    .satisfies(e -> assertThat(((WireException) e).kind()).isEqualTo(WireException.Kind.TIMEOUT));
        }
    }

    static ConsensusReply fetch(GatewayClient c, long epoch) {
        try {
            return c.fetchConsensus(epoch);
        } catch (WireException e) {
            return null;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }
}
