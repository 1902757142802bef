package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.GetConsensus2;
import org.katzen4j.wire.commands.Message;
import org.katzen4j.wire.commands.MessageAck;
import org.katzen4j.wire.commands.NoOp;
import org.katzen4j.wire.commands.RetrieveMessage;
import org.katzen4j.wire.commands.SendPacket;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.NoiseKem;
import org.katzen4j.testsupport.GoOracle;

import tools.jackson.databind.JsonNode;

/**
 * Interactive interop with the reference wire session (core/wire + nyquist + hpqc XWING) run by the
 * Go oracle on loopback: Java as the client against a Go gateway-side session, and Java as the
 * gateway side against a Go client session. Skipped, with the reason, when Go is unavailable.
 */
class GoWirePeerTest {
    static final SecureRandom RANDOM = new SecureRandom();
    final List<Process> processes = new ArrayList<>();

    /** A running oracle wire-peer and its JSON event lines. */
    final class Peer {
        final Process process;
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        Peer(String... args) throws IOException {
            Path oracle = GoOracle.forArea("wire").require("wire-peer");
            List<String> cmd = new ArrayList<>(List.of(oracle.toString(), "run", "wire-peer"));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            processes.add(process);
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        events.add(Vectors.MAPPER.readTree(line));
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
        }

        JsonNode next(String event) throws InterruptedException {
            while (true) {
                JsonNode e = events.poll(60, TimeUnit.SECONDS);
                assertThat(e).as("oracle event " + event).isNotNull();
                if (e.get("event").asString().equals(event)) {
                    return e;
                }
                assertThat(e.get("event").asString()).as("unexpected oracle event " + e)
                        .isNotIn("handshake-failed", "bad-sequence", "unexpected");
            }
        }
    }

    @AfterEach
    void stop() {
        for (Process p : processes) {
            p.destroy();
        }
    }

    static CommandGeometry geometry(JsonNode e) {
        return new CommandGeometry(e.get("packetLength").asInt(), e.get("userForwardPayloadLength").asInt(),
                e.get("forwardPayloadLength").asInt(), e.get("payloadTagLength").asInt(), e.get("surbLength").asInt(),
                e.get("sphinxPlaintextHeaderLength").asInt());
    }

    static byte[] queueId() {
        byte[] q = new byte[16];
        RANDOM.nextBytes(q);
        return HexFormat.of().formatHex(q).getBytes(StandardCharsets.US_ASCII);
    }

    static InetSocketAddress address(JsonNode e) {
        String[] hp = e.get("address").asString().split(":");
        return new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void javaClientAgainstGoGatewaySession() throws Exception {
        Peer go = new Peer("-messages", "3", "-consensus-size", "20000", "-epoch", "4242");
        JsonNode hello = go.next("listening");
        CommandGeometry g = geometry(hello);
        byte[] link = Vectors.hex(hello.get("linkPublicKey"));
        byte[] identity = Vectors.hex(hello.get("identityPublicKey"));
        NoiseKem kem = NoiseKem.of(Schemes.XWING, RANDOM);
        byte[] qid = queueId();
        try (KemPrivateKey ours = Schemes.XWING.generate(RANDOM)) {
            WireSession session = WireSession.connect(address(hello), WireSession.Config.defaults(kem,
                    CommandCodec.padded(g)), NoiseKem.local(ours), qid, PeerAuthenticator.gateway(link, identity));
            JsonNode peer = go.next("peer");
            assertThat(peer.get("additionalData").asString()).isEqualTo(new String(qid, StandardCharsets.US_ASCII));
            assertThat(Vectors.hex(peer.get("linkPublicKey"))).isEqualTo(ours.publicKey().encoded());
            assertThat(session.peer().linkPublicKey()).isEqualTo(link);
            assertThat(Math.abs(session.clockSkewSeconds())).isLessThan(5);

            BlockingQueue<Object> got = new LinkedBlockingQueue<>();
            CountDownLatch empty = new CountDownLatch(1);
            GatewayClient client = new GatewayClient(session, new GatewayClient.Listener() {
                @Override
                public void onSurbReply(byte[] surbId, byte[] payload) {
                    got.add(List.of(surbId, payload));
                }

                @Override
                public void onMessage(Message m) {
                    got.add(m);
                }

                @Override
                public void onQueueEmpty() {
                    if (got.size() >= 3) {
                        empty.countDown();
                    }
                }

                @Override
                public void onClosed(WireException cause) {
                    got.add(cause == null ? "closed" : cause);
                }
            }, Duration.ZERO, Duration.ofMillis(20), Duration.ofSeconds(30)).start();

            // consensus: the Go gateway gzips and chunks it with core/pki.Chunk
            ConsensusReply r = client.fetchConsensus(4242);
            assertThat(r.status()).isEqualTo(ConsensusReply.Status.FOUND);
            assertThat(HexFormat.of().formatHex(r.certificate())).isEqualTo(hello.get("consensus").asString());
            // an epoch it lacks: an empty document, which does not cost the session
            assertThat(client.fetchConsensus(999).status()).isEqualTo(ConsensusReply.Status.NOT_FOUND);
            assertThat(client.isOpen()).isTrue();

            // the queue, in order, with the reference gateway's sequence rule
            assertThat(empty.await(30, TimeUnit.SECONDS)).as("queue drained").isTrue();
            JsonNode queue = hello.get("queue");
            for (int i = 0; i < 3; i++) {
                Object item = got.poll(1, TimeUnit.SECONDS);
                JsonNode want = queue.get(i);
                if (want.get("kind").asString().equals("MessageACK")) {
                    assertThat(item).isInstanceOf(List.class);
                    List<?> pair = (List<?>) item;
                    assertThat((byte[]) pair.get(0)).isEqualTo(Vectors.hex(want.get("surbId")));
                    assertThat((byte[]) pair.get(1)).isEqualTo(Vectors.hex(want.get("payload")));
                } else {
                    assertThat(item).isInstanceOf(Message.class);
                    assertThat(((Message) item).payload()).isEqualTo(Vectors.hex(want.get("payload")));
                }
            }
            assertThat(client.nextSequence()).isEqualTo(3);

            byte[] packet = new byte[g.packetLength()];
            RANDOM.nextBytes(packet);
            client.sendPacket(packet);
            JsonNode sent = go.next("SendPacket");
            assertThat(sent.get("sha256").asString()).isEqualTo(sha256(packet));

            client.close();
            assertThat(go.next("closed")).isNotNull();
            assertThat(got).contains("closed");
        }
    }

    /** The wire KEM comes from the configuration; every scheme both sides implement must interoperate. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"MLKEM768", "MLKEM768-X25519", "x25519", "X448"})
    void otherWireKemsAgainstGoGatewaySession(String kemName) throws Exception {
        org.katzen4j.crypto.KemScheme scheme = Schemes.kem(kemName);
        Peer go = new Peer("-kem", kemName, "-messages", "1", "-consensus-size", "5000", "-epoch", "5");
        JsonNode hello = go.next("listening");
        assertThat(hello.get("kem").asString()).isEqualTo(scheme.name());
        CommandGeometry g = geometry(hello);
        try (KemPrivateKey ours = scheme.generate(RANDOM)) {
            WireSession session = WireSession.connect(address(hello),
                    WireSession.Config.defaults(NoiseKem.of(scheme, RANDOM), CommandCodec.padded(g)), NoiseKem.local(ours),
                    queueId(), PeerAuthenticator.gateway(Vectors.hex(hello.get("linkPublicKey")),
                            Vectors.hex(hello.get("identityPublicKey"))));
            try (GatewayClient client = new GatewayClient(session, new GatewayClient.Listener() {},
                    Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(30)).start()) {
                ConsensusReply r = client.fetchConsensus(5);
                assertThat(HexFormat.of().formatHex(r.certificate())).isEqualTo(hello.get("consensus").asString());
            }
            assertThat(go.next("closed")).isNotNull();
        }
    }

    /** Packets sent from many threads while the poller runs: every frame must reach Go intact and in nonce order. */
    @Test
    void concurrentSendersAgainstGoGatewaySession() throws Exception {
        Peer go = new Peer("-messages", "0");
        JsonNode hello = go.next("listening");
        CommandGeometry g = geometry(hello);
        try (KemPrivateKey ours = Schemes.XWING.generate(RANDOM)) {
            WireSession session = WireSession.connect(address(hello),
                    WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(g)),
                    NoiseKem.local(ours), queueId(), PeerAuthenticator.gateway(Vectors.hex(hello.get("linkPublicKey")),
                            Vectors.hex(hello.get("identityPublicKey"))));
            java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try (GatewayClient client = new GatewayClient(session, new GatewayClient.Listener() {}, Duration.ZERO,
                    Duration.ofMillis(5), Duration.ofSeconds(30)).start()) {
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    senders.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 10; i++) {
                            byte[] p = new byte[g.packetLength()];
                            RANDOM.nextBytes(p);
                            try {
                                client.sendPacket(p);
                                sent.add(sha256(p));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }));
                }
                for (Thread t : senders) {
                    t.join();
                }
                java.util.Set<String> received = new java.util.HashSet<>();
                while (received.size() < 60) {
                    received.add(go.next("SendPacket").get("sha256").asString());
                }
                assertThat(received).isEqualTo(sent);
                assertThat(client.isOpen()).isTrue();
            }
        }
    }

    @Test
    void javaClientRefusesAGoGatewayWithAnotherLinkKey() throws Exception {
        Peer go = new Peer("-messages", "0");
        JsonNode hello = go.next("listening");
        CommandGeometry g = geometry(hello);
        byte[] identity = Vectors.hex(hello.get("identityPublicKey"));
        try (KemPrivateKey ours = Schemes.XWING.generate(RANDOM); KemPrivateKey other = Schemes.XWING.generate(RANDOM)) {
            assertThatThrownBy(() -> WireSession.connect(address(hello),
                    WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(g)),
                    NoiseKem.local(ours), queueId(), PeerAuthenticator.gateway(other.publicKey().encoded(), identity)))
                    .isInstanceOf(PeerAuthenticationException.class);
            assertThat(go.next("handshake-failed")).isNotNull();
        }
    }

    @Test
    void goGatewayRejectingUsIsReportedAsSuch() throws Exception {
        Peer go = new Peer("-messages", "0", "-reject");
        JsonNode hello = go.next("listening");
        CommandGeometry g = geometry(hello);
        try (KemPrivateKey ours = Schemes.XWING.generate(RANDOM)) {
            assertThatThrownBy(() -> WireSession.connect(address(hello),
                    WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(g)),
                    NoiseKem.local(ours), queueId(), PeerAuthenticator.gateway(Vectors.hex(hello.get("linkPublicKey")),
                            Vectors.hex(hello.get("identityPublicKey")))))
                    .isInstanceOf(HandshakeException.class)
                    .satisfies(e -> assertThat(((WireException) e).kind()).isEqualTo(WireException.Kind.REJECTED_BY_PEER));
        }
    }

    @Test
    void goClientAgainstJavaGatewaySession() throws Exception {
        GoOracle.forArea("wire").require("wire-peer");
        CommandGeometry g = new CommandGeometry(3082, 2000, 2574, 32, 572, 2); // genconfig default, as the peer uses
        byte[] identity = new byte[32];
        RANDOM.nextBytes(identity);
        byte[] consensus = new byte[9000];
        RANDOM.nextBytes(consensus);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                KemPrivateKey link = Schemes.XWING.generate(RANDOM)) {
            Peer go = new Peer("-role", "client", "-connect", "127.0.0.1:" + ss.getLocalPort(), "-link-key",
                    HexFormat.of().formatHex(link.publicKey().encoded()), "-identity-key",
                    HexFormat.of().formatHex(identity), "-epoch", "77");
            Socket s = ss.accept();
            List<PeerCredentials> seen = new ArrayList<>();
            WireSession session = WireSession.accept(s,
                    WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(g)),
                    NoiseKem.local(link), org.katzen4j.crypto.KeyHash.of(identity), seen::add);
            assertThat(go.next("server-authenticated").get("ok").asBoolean()).isTrue();
            assertThat(seen).hasSize(1);
            assertThat(new String(seen.get(0).additionalData(), StandardCharsets.US_ASCII)).matches("[0-9a-f]{32}");
            JsonNode est = go.next("established");
            assertThat(est.get("queueId").asString()).isEqualTo(new String(seen.get(0).additionalData(), StandardCharsets.US_ASCII));

            WireCommand c = session.receive();
            assertThat(c).isEqualTo(new GetConsensus2(77));
            List<byte[]> chunks = chunk(gzip(consensus), g.maxGatewayToClient());
            assertThat(chunks).hasSizeGreaterThan(1);
            for (int i = 0; i < chunks.size(); i++) {
                session.send(new Consensus2(0, i, chunks.size(), chunks.get(i)));
            }
            assertThat(go.next("consensus").get("hex").asString()).isEqualTo(HexFormat.of().formatHex(consensus));

            assertThat(session.receive()).isEqualTo(new RetrieveMessage(0));
            byte[] surb = new byte[16];
            byte[] payload = new byte[32 + 2574];
            RANDOM.nextBytes(surb);
            RANDOM.nextBytes(payload);
            session.send(new MessageAck(1, 0, surb, payload));
            JsonNode ack = go.next("MessageACK");
            assertThat(ack.get("surbId").asString()).isEqualTo(HexFormat.of().formatHex(surb));
            assertThat(ack.get("payloadSha256").asString()).isEqualTo(sha256(payload));
            assertThat(ack.get("hint").asInt()).isEqualTo(1);

            WireCommand p = session.receive();
            assertThat(p).isInstanceOf(SendPacket.class);
            assertThat(sha256(((SendPacket) p).packet())).isEqualTo(go.next("sent-packet").get("sha256").asString());
            assertThat(session.receive()).isEqualTo(NoOp.INSTANCE);
            assertThat(go.next("done")).isNotNull();
            assertThat(go.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(go.process.exitValue()).isZero();
            session.close();
        }
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    static List<byte[]> chunk(byte[] b, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < b.length; off += size) {
            out.add(Arrays.copyOfRange(b, off, Math.min(b.length, off + size)));
        }
        return out;
    }
}
