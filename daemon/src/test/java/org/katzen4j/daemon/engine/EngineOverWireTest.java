package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.WireSession;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;

/**
 * The gateway connection, PKI worker and send/reply path as the daemon wires them, against a
 * gateway built from our own wire code (real handshake, polling, consensus fetch, MessageACK) in
 * front of the in-process fake mix network; real time, short.
 */
class EngineOverWireTest {

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void connectsFetchesTheDocumentSendsAndGetsTheReplyThenReconnects() throws Exception {
        java.net.ServerSocket socket = FakeWireGateway.listen();
        FakeNetwork net = new FakeNetwork(11, "tcp://127.0.0.1:" + socket.getLocalPort());
        Recorder apps = new Recorder();
        AppEvents events = new AppEvents();
        events.bind(apps);
        AppId app = AppId.random(net.rng);
        events.appConnected(app);
        try (FakeWireGateway gw = new FakeWireGateway(net, socket);
                ExecutorScheduler engine = new ExecutorScheduler(Clock.systemUTC(), "test-engine")) {
            ReplyRegistry registry = new ReplyRegistry(engine);
            WireSession.Config wire = WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, net.rng),
                    CommandCodec.padded(CommandGeometry.of(FakeNetwork.GEOMETRY)));
            GatewayConnector connector = new GatewayConnector(Schemes.XWING, wire, net.rng);
            PkiWorker[] pki = new PkiWorker[1];
            ReplyDispatcher[] dispatcher = new ReplyDispatcher[1];
            GatewayService gateway = new GatewayService(connector::connect, () -> pki[0].document(),
                    List.of(new GatewayConnector.Gateway("pinned-gateway1", net.gatewayIdentity,
                            net.gatewayLinkKey.publicKey().encoded(), List.of(gw.address()))),
                    List.of("tcp"), net.rng, new GatewayService.Callbacks() {
                        @Override
                        public void onConnected(GatewayLink.Session session, long skew) {
                            events.connectionStatus(true);
                            pki[0].wake();
                        }

                        @Override
                        public void onDisconnected(String reason) {
                            events.connectionStatus(false);
                        }

                        @Override
                        public void onSurbReply(byte[] surbId, byte[] payload) {
                            engine.execute(() -> dispatcher[0].onSurbReply(surbId, payload));
                        }
                    }, Duration.ofMillis(50));
            pki[0] = new PkiWorker(net.authorities, new EpochClock(FakeNetwork.TIME, net.clock), FakeNetwork.GEOMETRY,
                    gateway, events, List.of(d -> gateway.setPollInterval(Duration.ofMillis(50))), e -> { });
            MessageSender sender = new MessageSender(new PacketFactory(net.sphinx, net.rng, net.clock,
                    FakeNetwork.TIME.period()), () -> pki[0].document(), gateway);
            ArqService arq = new ArqService(sender, registry, events, engine, net.rng, ArqService.Timing.REFERENCE);
            dispatcher[0] = new ReplyDispatcher(net.sphinx, registry, arq, events);
            LegacyHandler legacy = new LegacyHandler(sender, registry, arq, events, engine, () -> Duration.ofMillis(50));
            try (PkiWorker w = pki[0]) {
                w.start();
                gateway.start();
                await(() -> gateway.connected() && w.document().isPresent(), "session and document");
                await(() -> !apps.documents.isEmpty(), "the document event");
                assertThat(apps.statuses).contains(true);
                assertThat(apps.documents).hasSize(1);

                MessageId mid = MessageId.random(net.rng);
                engine.execute(() -> legacy.sendMessage(app, new ThinRequest.SendMessage(mid, true,
                        SurbId.random(net.rng), Hash256.of(net.echoNodeId),
                        Blob.of("+echo".getBytes(StandardCharsets.US_ASCII)), Blob.utf8("over the wire"))));
                await(() -> !apps.of(ThinResponse.MessageReplyEvent.class).isEmpty(), "the echo reply");
                assertThat(apps.of(ThinResponse.MessageReplyEvent.class).get(0).payload().asUtf8())
                        .startsWith("over the wire");
                assertThat(gw.packets.get()).isEqualTo(1);

                gw.kickClient();
                await(() -> apps.statuses.contains(false), "the disconnect");
                // the reconnect goes to the gateway named in the document now (backoff 2 s after a working session)
                await(() -> gw.sessions.get() == 2 && gateway.connected(), "the reconnect (2 s backoff)");
                MessageId mid2 = MessageId.random(net.rng);
                engine.execute(() -> legacy.sendMessage(app, new ThinRequest.SendMessage(mid2, true,
                        SurbId.random(net.rng), Hash256.of(net.echoNodeId),
                        Blob.of("+echo".getBytes(StandardCharsets.US_ASCII)), Blob.utf8("again"))));
                await(() -> apps.of(ThinResponse.MessageReplyEvent.class).size() == 2, "the second reply");
            } finally {
                gateway.close();
            }
        }
    }
}
