package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.daemon.listener.ListenerConfig;
import org.katzen4j.daemon.listener.ThinListener;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.WriteCap;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.WireSession;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;

/**
 * No key material, capabilities or payloads in the daemon's logs at any level, daemon-wide: a child
 * JVM runs the engine services as {@code DaemonAssembly} wires them (PKI worker, gateway connection
 * over our wire code to a fake gateway, Poisson sender with loop decoys, legacy and ARQ handlers,
 * reply dispatcher, request router, thin-client listener) at TRACE, and a Java thin client sends
 * recognisable secret bytes through every legacy path and the refused channel requests. The output
 * is searched for those bytes (hex either case, every 8-byte window; Base64 and Latin-1 12-byte
 * windows; Java array notation) and for the private keys the run used that the test knows (the
 * fake nodes' mix keys and the gateway's link key). Also checks the INFO line while the first PKI
 * document is awaited.
 */
class DaemonLogHygieneTest {

    static byte[] secret(int kind, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0x3C ^ (kind * 41) ^ (i * 7) ^ (i >> 2));
        }
        return b;
    }

    static final byte[] PAYLOAD = secret(1, 300);
    static final byte[] ARQ_PAYLOAD = secret(2, 250);
    static final byte[] NO_REPLY_PAYLOAD = secret(3, 200);
    static final byte[] WRITE_CAP = secret(4, WriteCap.LENGTH);
    static final byte[] READ_CAP = secret(5, ReadCap.LENGTH);
    static final byte[] INDEX = secret(6, MessageBoxIndex.LENGTH);
    static final byte[] QUEUE_ID = secret(7, 40);

    public static void main(String[] args) throws Exception {
        java.net.ServerSocket socket = FakeWireGateway.listen();
        FakeNetwork net = new FakeNetwork(Long.parseLong(args[0]), "tcp://127.0.0.1:" + socket.getLocalPort());
        AppEvents events = new AppEvents();
        try (FakeWireGateway gw = new FakeWireGateway(net, socket);
                ExecutorScheduler engine = new ExecutorScheduler(Clock.systemUTC(), "engine")) {
            ReplyRegistry registry = new ReplyRegistry(engine);
            WireSession.Config wire = WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, net.rng),
                    CommandCodec.padded(CommandGeometry.of(FakeNetwork.GEOMETRY)));
            GatewayConnector connector = new GatewayConnector(Schemes.XWING, wire, net.rng);
            PkiWorker[] pki = new PkiWorker[1];
            ReplyDispatcher[] dispatcher = new ReplyDispatcher[1];
            SendScheduler[] sendRef = new SendScheduler[1];
            GatewayService gateway = new GatewayService(connector::connect, () -> pki[0].document(),
                    List.of(new GatewayConnector.Gateway("pinned-gateway1", net.gatewayIdentity,
                            net.gatewayLinkKey.publicKey().encoded(), List.of(gw.address()))),
                    List.of("tcp"), net.rng, new GatewayService.Callbacks() {
                        @Override
                        public void onConnected(GatewayLink.Session session, long skew) {
                            events.connectionStatus(true);
                            sendRef[0].setConnected(true);
                            pki[0].wake();
                        }

                        @Override
                        public void onDisconnected(String reason) {
                            events.connectionStatus(false);
                            sendRef[0].setConnected(false);
                        }

                        @Override
                        public void onSurbReply(byte[] surbId, byte[] payload) {
                            engine.execute(() -> dispatcher[0].onSurbReply(surbId, payload));
                        }
                    }, Duration.ofMillis(50));
            MessageSender sender = new MessageSender(new PacketFactory(net.sphinx, net.rng, net.clock,
                    FakeNetwork.TIME.period()), () -> pki[0].document(), gateway);
            ArqService arq = new ArqService(sender, registry, events, engine, net.rng, ArqService.Timing.REFERENCE);
            dispatcher[0] = new ReplyDispatcher(net.sphinx, registry, arq, events);
            SendScheduler sends = new SendScheduler(engine, net.rng, true, () -> loopDecoy(sender, registry, net), 100, 50);
            sendRef[0] = sends;
            LegacyHandler legacy = new LegacyHandler(sender, registry, arq, events, engine, () -> Duration.ofMillis(50));
            RequestRouter router = new RequestRouter(events, sends, legacy, new ChannelRequests(events), registry, arq,
                    engine);
            pki[0] = new PkiWorker(net.authorities, new EpochClock(FakeNetwork.TIME, net.clock), FakeNetwork.GEOMETRY,
                    gateway, events, List.of(d -> {
                        sends.setRates(d.body().lambdaP(), d.body().lambdaPMaxDelay());
                        gateway.setPollInterval(Duration.ofMillis(50));
                    }), e -> { }, Duration.ofMillis(100));
            try (PkiWorker w = pki[0];
                    ThinListener listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0"), router,
                            net.rng, false)) {
                w.start();
                Thread.sleep(350); // no gateway yet: the worker says what it waits for
                gateway.start();
                // built from TOML text so the test does not depend on which module's PigeonholeGeometry type the
                // config uses
                ThinClientConfig tc = ThinClientConfig.parse("Network = \"tcp\"\nAddress = \"" + listener.addressString()
                        + "\"\n" + FakeNetwork.GEOMETRY.toToml() + "\n[PigeonholeGeometry]\n"
                        + "  MaxPlaintextPayloadLength = 1553\n  CourierQueryReadLength = 359\n"
                        + "  CourierQueryWriteLength = 2000\n  CourierQueryReplyReadLength = 1698\n"
                        + "  CourierQueryReplyWriteLength = 50\n  NIKEName = \"CTIDH1024-X25519\"\n"
                        + "  SignatureSchemeName = \"Ed25519\"\n", "thinclient.toml", org.katzen4j.config.LoadOptions.DEFAULT);
                try (ThinClient c = ThinClient.dial(tc, ThinClient.Options.defaults()
                        .withDialTimeout(Duration.ofSeconds(30)))) {
                    Destination echo = c.getService("echo");
                    Duration t = Duration.ofSeconds(30);
                    byte[] reply = c.blockingSendMessage(PAYLOAD, echo, t);
                    check(java.util.Arrays.equals(java.util.Arrays.copyOf(reply, PAYLOAD.length), PAYLOAD), "echo");
                    byte[] arqReply = c.blockingSendReliableMessage(c.newMessageId(), ARQ_PAYLOAD, echo, t);
                    check(java.util.Arrays.equals(java.util.Arrays.copyOf(arqReply, ARQ_PAYLOAD.length), ARQ_PAYLOAD),
                            "arq echo");
                    c.sendMessageWithoutReply(NO_REPLY_PAYLOAD, echo);
                    // a destination that is not in the document: the send fails and is logged
                    Destination nowhere = new Destination("echo", "nowhere", Hash256.of(secret(8, 32)),
                            Blob.of(QUEUE_ID));
                    try {
                        c.blockingSendMessage(PAYLOAD, nowhere, Duration.ofSeconds(10));
                    } catch (Exception expected) {
                        // the error reply
                    }
                    // channel requests carrying capabilities (this engine refuses them with error 10)
                    join(c.createReadChannel(ReadCap.of(READ_CAP)));
                    join(c.resumeWriteChannel(WriteCap.of(WRITE_CAP), MessageBoxIndex.of(INDEX)));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (sender.decoysSent() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    check(sender.decoysSent() >= 2, "loop decoys sent");
                }
                Thread.sleep(200);
            } finally {
                gateway.close();
                sends.stop();
            }
        }
        System.out.println("DAEMON-HYGIENE-CHILD-DONE");
        System.out.flush();
        System.exit(0);
    }

    private static void join(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // an error reply is what this engine gives
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void loopDecoy(MessageSender sender, ReplyRegistry registry, FakeNetwork net) {
        var echo = sender.randomService("echo", net.rng);
        if (echo.isEmpty()) {
            return;
        }
        SurbId id = SurbId.random(net.rng);
        try {
            MessageSender.Prepared p = sender.prepare(echo.get().nodeIdHash(), echo.get().recipient(),
                    new byte[FakeNetwork.GEOMETRY.userForwardPayloadLength()], Optional.of(id));
            registry.put(id, new ReplyRegistry.LoopDecoy(p.keys().orElseThrow()), Optional.of(Duration.ofMinutes(1)));
            sender.writeDecoy(p);
        } catch (SendException e) {
            // not connected: skipped
        }
    }

    @Test
    void noSecretBytesInTheDaemonsLogsAtTrace() throws Exception {
        long seed = 77;
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Dorg.slf4j.simpleLogger.showDateTime=false",
                DaemonLogHygieneTest.class.getName(), Long.toString(seed)).redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException e) {
                // ended
            }
        });
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        pump.join(5000);
        String log = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(done).as("child finished: " + log).isTrue();
        assertThat(log).as(log).contains("DAEMON-HYGIENE-CHILD-DONE");
        // it logged at DEBUG through the engine, wire, PKI and listener paths
        assertThat(log).contains("DEBUG").contains("waiting for a PKI document for epoch")
                .contains("connected to gateway").contains("new PKI document for epoch").contains("thin app")
                .contains("send_message from app").contains("sent with SURB");

        List<byte[]> secrets = new ArrayList<>(List.of(PAYLOAD, ARQ_PAYLOAD, NO_REPLY_PAYLOAD, WRITE_CAP, READ_CAP,
                INDEX, QUEUE_ID, secret(8, 32)));
        // private keys of this run that the test can rebuild: the same seed gives the same fake network
        FakeNetwork net = new FakeNetwork(seed, "tcp://127.0.0.1:1");
        secrets.add(net.gatewayLinkKey.encoded());
        secrets.addAll(net.mixPrivateKeys());
        List<String> leaks = org.katzen4j.daemon.LogLeaks.find(log, secrets);
        assertThat(leaks).as("secret bytes in the log:\n" + log).isEmpty();
        System.out.println("daemon log hygiene: " + log.lines().count() + " lines at TRACE searched for "
                + secrets.size() + " secrets, none found");
    }
}
