package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * The engine's services wired as the daemon wires them, over the in-process {@link FakeNetwork}
 * (real Sphinx packets, unwrapped hop by hop with the nodes' keys, echoed by a fake echo service)
 * and a hand-advanced clock.
 */
class EngineTest {
    static final Duration POLL = Duration.ofMillis(533);
    static final ArqService.Timing ARQ = ArqService.Timing.REFERENCE;

    FakeNetwork net;
    FakeNetwork.Link link;
    ManualScheduler clock;
    Recorder apps;
    ReplyRegistry registry;
    ArqService arq;
    ReplyDispatcher dispatcher;
    SendScheduler sendScheduler;
    RequestRouter router;
    AppId app;
    boolean decoys;
    MessageSender sender;

    @BeforeEach
    void setUp() throws Exception {
        build(false);
    }

    void build(boolean withDecoys) throws Exception {
        net = new FakeNetwork(42);
        link = net.new Link();
        clock = new ManualScheduler(net.clock.instant());
        apps = new Recorder();
        AppEvents events = new AppEvents();
        registry = new ReplyRegistry(clock);
        SecureRandom rng = net.rng;
        PacketFactory factory = new PacketFactory(net.sphinx, rng, net.clock, FakeNetwork.TIME.period());
        sender = new MessageSender(factory, () -> Optional.of(net.document), link);
        arq = new ArqService(sender, registry, events, clock, rng, ARQ);
        dispatcher = new ReplyDispatcher(net.sphinx, registry, arq, events);
        sendScheduler = new SendScheduler(clock, rng, withDecoys, this::decoy, 200);
        LegacyHandler legacy = new LegacyHandler(sender, registry, arq, events, clock, () -> POLL);
        router = new RequestRouter(events, sendScheduler, legacy, new ChannelRequests(events), registry, arq, clock);
        router.bind(apps);
        app = AppId.random(rng);
        router.appConnected(app);
        sendScheduler.setRates(0.001, 1000);
        sendScheduler.setConnected(true);
    }

    private void decoy() {
        org.katzen4j.sphinx.SurbId id = org.katzen4j.sphinx.SurbId.random(net.rng);
        try {
            var echo = sender.randomService("echo", net.rng).orElseThrow();
            MessageSender.Prepared p = sender.prepare(echo.nodeIdHash(), echo.recipient(),
                    new byte[FakeNetwork.GEOMETRY.userForwardPayloadLength()], Optional.of(id));
            registry.put(id, new ReplyRegistry.LoopDecoy(p.keys().orElseThrow()), Optional.of(Duration.ofMinutes(1)));
            sender.write(p);
        } catch (SendException e) {
            throw new AssertionError(e);
        }
    }

    /** Lets the Poisson process run (at most 1 s per tick) and hands every SURB reply to the dispatcher. */
    void runFor(Duration d) {
        for (long ms = 0; ms < d.toMillis(); ms += 100) {
            clock.advance(Duration.ofMillis(100));
            deliverAcks();
        }
    }

    void deliverAcks() {
        while (!link.acks.isEmpty()) {
            FakeNetwork.Ack a = link.acks.remove(0);
            dispatcher.onSurbReply(a.surbId(), a.payload());
        }
    }

    Hash256 echoNode() {
        return Hash256.of(net.echoNodeId);
    }

    static Blob echoQueue() {
        return Blob.of("+echo".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sendMessageWithSurbGetsSentEventThenTheEchoedReply() {
        MessageId mid = MessageId.random(net.rng);
        SurbId sid = SurbId.random(net.rng);
        byte[] payload = "hello mixnet".getBytes(StandardCharsets.UTF_8);
        router.handle(app, new ThinRequest.SendMessage(mid, true, sid, echoNode(), echoQueue(), Blob.of(payload)));
        assertThat(link.sent).as("nothing leaves before a Poisson tick").isEmpty();
        runFor(Duration.ofSeconds(3));

        assertThat(link.sent).hasSize(1);
        assertThat(link.sent.get(0)).hasSize(FakeNetwork.GEOMETRY.packetLength());
        var sentEvents = apps.of(ThinResponse.MessageSentEvent.class);
        assertThat(sentEvents).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo(mid);
            assertThat(e.surbId()).isEqualTo(sid);
            assertThat(e.err()).isEmpty();
            assertThat(e.replyEta()).isPositive();
        });
        var replies = apps.of(ThinResponse.MessageReplyEvent.class);
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(mid);
            assertThat(r.surbId()).isEqualTo(sid);
            assertThat(r.errorCode()).isZero();
            byte[] got = r.payload().toByteArray();
            assertThat(got).hasSize(FakeNetwork.GEOMETRY.forwardPayloadLength());
            assertThat(Arrays.copyOf(got, payload.length)).isEqualTo(payload);
        });
        // the service node saw a SURB-carrying payload addressed to +echo
        assertThat(net.deliveries).singleElement().satisfies(d -> {
            assertThat(d.recipient()).isEqualTo("+echo");
            assertThat(d.payload().surb()).isPresent();
        });
        assertThat(registry.size()).isZero();
    }

    @Test
    void sendMessageWithoutSurbIsFramedAsTheServerExpectsAndEmitsNoEvent() {
        byte[] payload = "no reply wanted".getBytes(StandardCharsets.UTF_8);
        router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), false, null, echoNode(), echoQueue(),
                Blob.of(payload)));
        runFor(Duration.ofSeconds(3));
        assertThat(link.sent).hasSize(1);
        assertThat(apps.sent).isEmpty();
        assertThat(net.deliveries).singleElement().satisfies(d -> {
            // 00 00 ‖ zeros(SURBLength) ‖ payload: parsed by the server rules with no SURB and our bytes intact
            assertThat(d.payload().surb()).isEmpty();
            assertThat(Arrays.copyOf(d.payload().userPayload(), payload.length)).isEqualTo(payload);
            assertThat(d.payload().userPayload()).hasSize(FakeNetwork.GEOMETRY.userForwardPayloadLength());
        });
    }

    @Test
    void lateLegacyReplyIsDroppedAfterTheExpiry() {
        MessageId mid = MessageId.random(net.rng);
        router.handle(app, new ThinRequest.SendMessage(mid, true, SurbId.random(net.rng), echoNode(), echoQueue(),
                Blob.utf8("late")));
        while (link.sent.isEmpty()) {
            clock.advance(Duration.ofMillis(100));
        }
        Duration eta = apps.of(ThinResponse.MessageSentEvent.class).get(0).replyEta();
        clock.advance(eta.plus(POLL).plusSeconds(2));
        deliverAcks();
        assertThat(apps.of(ThinResponse.MessageReplyEvent.class)).isEmpty();
        assertThat(dispatcher.unknown()).isEqualTo(1);
    }

    @Test
    void tooLargePayloadReportsTheErrorInTheSentEvent() {
        byte[] big = new byte[FakeNetwork.GEOMETRY.userForwardPayloadLength() + 1];
        router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), true, SurbId.random(net.rng),
                echoNode(), echoQueue(), Blob.of(big)));
        runFor(Duration.ofSeconds(3));
        assertThat(link.sent).isEmpty();
        assertThat(apps.of(ThinResponse.MessageSentEvent.class)).singleElement()
                .satisfies(e -> assertThat(e.err()).contains("too large"));
        assertThat(registry.size()).isZero();
    }

    @Test
    void unknownDestinationAndDisconnectedGatewayAreErrorsNotCrashes() {
        router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), true, SurbId.random(net.rng),
                Hash256.random(net.rng), echoQueue(), Blob.utf8("x")));
        runFor(Duration.ofSeconds(3));
        assertThat(apps.of(ThinResponse.MessageSentEvent.class)).singleElement()
                .satisfies(e -> assertThat(e.err()).contains("not found"));
        link.connected = false; // the session vanished but the scheduler has not heard yet
        router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), true, SurbId.random(net.rng),
                echoNode(), echoQueue(), Blob.utf8("x")));
        runFor(Duration.ofSeconds(3));
        assertThat(apps.of(ThinResponse.MessageSentEvent.class)).hasSize(2).last()
                .satisfies(e -> assertThat(e.err()).isEqualTo("not connected"));
    }

    @Test
    void arqFirstAttemptLostIsRetransmittedWithANewSurbAndDelivered() {
        link.drop = 1;
        MessageId mid = MessageId.random(net.rng);
        SurbId appSurb = SurbId.random(net.rng);
        router.handle(app, new ThinRequest.SendArqMessage(mid, true, appSurb, echoNode(), echoQueue(),
                Blob.utf8("reliable")));
        runFor(Duration.ofSeconds(3));
        assertThat(link.sent).hasSize(1);
        var sent = apps.of(ThinResponse.MessageSentEvent.class);
        assertThat(sent).singleElement().satisfies(e -> assertThat(e.surbId()).isNotEqualTo(appSurb));
        assertThat(apps.of(ThinResponse.MessageReplyEvent.class)).isEmpty();

        clock.advance(ARQ.slop().plusSeconds(20));
        deliverAcks();
        assertThat(link.sent).as("one retransmission").hasSize(2);
        assertThat(arq.retransmissions()).isEqualTo(1);
        assertThat(apps.of(ThinResponse.MessageSentEvent.class)).as("no second sent event").hasSize(1);
        var replies = apps.of(ThinResponse.MessageReplyEvent.class);
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(mid);
            assertThat(r.errorCode()).isZero();
            assertThat(r.surbId()).isNotEqualTo(sent.get(0).surbId());
            assertThat(r.payload().asUtf8()).startsWith("reliable");
        });
        assertThat(arq.inFlight()).isZero();
        // the GC event comes once, rtt + 5 min after the first send
        assertThat(apps.of(ThinResponse.MessageIdGarbageCollected.class)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(apps.of(ThinResponse.MessageIdGarbageCollected.class)).singleElement()
                .satisfies(g -> assertThat(g.messageId()).isEqualTo(mid));
        clock.advance(Duration.ofMinutes(30));
        assertThat(link.sent).as("acknowledged: nothing more is sent").hasSize(2);
    }

    @Test
    void arqGivesUpAfterThreeRetransmissionsWithErrorCode5() {
        link.drop = 100;
        MessageId mid = MessageId.random(net.rng);
        router.handle(app, new ThinRequest.SendArqMessage(mid, true, null, echoNode(), echoQueue(), Blob.utf8("lost")));
        runFor(Duration.ofSeconds(3));
        for (int i = 0; i < 5; i++) {
            clock.advance(ARQ.slop().plusSeconds(20));
        }
        assertThat(link.sent).as("1 original + 3 retransmissions").hasSize(4);
        var replies = apps.of(ThinResponse.MessageReplyEvent.class);
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(mid);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.MAX_RETRIES.code());
            assertThat(r.payload().isEmpty()).isTrue();
        });
        assertThat(arq.inFlight()).isZero();
        assertThat(registry.size()).isZero();
    }

    @Test
    void arqStateOfADepartedAppIsDroppedAndNeverResent() {
        link.drop = 100;
        router.handle(app, new ThinRequest.SendArqMessage(MessageId.random(net.rng), true, null, echoNode(),
                echoQueue(), Blob.utf8("bye")));
        runFor(Duration.ofSeconds(3));
        assertThat(registry.size()).isEqualTo(1);
        router.appDisconnected(app);
        apps.gone.add(app);
        assertThat(registry.size()).isZero();
        assertThat(arq.inFlight()).isZero();
        clock.advance(Duration.ofMinutes(20));
        assertThat(link.sent).hasSize(1);
    }

    @Test
    void queuedSendsOfADepartedAppAreNotExecuted() {
        router.handle(app, new ThinRequest.SendArqMessage(MessageId.random(net.rng), true, null, echoNode(),
                echoQueue(), Blob.utf8("never")));
        router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), false, null, echoNode(),
                echoQueue(), Blob.utf8("never")));
        router.appDisconnected(app);
        apps.gone.add(app);
        runFor(Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(20));
        assertThat(link.sent).isEmpty();
        assertThat(arq.inFlight()).isZero();
    }

    @Test
    void requestsWaitForTheConnectionAndAreSentOnePerTickInOrder() {
        sendScheduler.setConnected(false);
        for (int i = 0; i < 3; i++) {
            router.handle(app, new ThinRequest.SendMessage(MessageId.random(net.rng), false, null, echoNode(),
                    echoQueue(), Blob.utf8("m" + i)));
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(link.sent).isEmpty();
        sendScheduler.setConnected(true);
        long before = sendScheduler.ticks();
        runFor(Duration.ofSeconds(10));
        assertThat(link.sent).hasSize(3);
        assertThat(sendScheduler.ticks() - before).isGreaterThanOrEqualTo(3);
        assertThat(net.deliveries).extracting(d -> new String(d.payload().userPayload(), 0, 2,
                StandardCharsets.US_ASCII)).containsExactly("m0", "m1", "m2");
    }

    @Test
    void loopDecoysFlowOnlyWhenEnabledAndTheirRepliesReachNoApp() throws Exception {
        runFor(Duration.ofSeconds(10));
        assertThat(link.sent).as("decoys disabled").isEmpty();
        build(true);
        runFor(Duration.ofSeconds(20));
        assertThat(link.sent).as("about one decoy per 632 ms").hasSizeBetween(15, 50);
        assertThat(dispatcher.decoyReplies()).isEqualTo(link.sent.size());
        assertThat(apps.sent).isEmpty();
        assertThat(net.deliveries).allSatisfy(d -> assertThat(d.payload().surb()).isPresent());
    }

    @Test
    void channelQuerySurbRepliesGoToTheRegisteredHandlerAndDieWithTheApp() throws Exception {
        java.util.List<byte[]> got = new java.util.ArrayList<>();
        org.katzen4j.sphinx.SurbId id = org.katzen4j.sphinx.SurbId.random(net.rng);
        MessageSender.Prepared p = sender.prepare(net.echoNodeId, "+echo".getBytes(StandardCharsets.US_ASCII),
                "query".getBytes(StandardCharsets.US_ASCII), Optional.of(id));
        registry.registerChannelQuery(id, app, p.keys().orElseThrow(), got::add);
        sender.write(p);
        clock.advance(Duration.ofMinutes(10));
        assertThat(registry.size()).as("channel queries do not expire").isEqualTo(1);
        deliverAcks();
        assertThat(got).singleElement().satisfies(b -> assertThat(new String(b, 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("query"));
        org.katzen4j.sphinx.SurbId id2 = org.katzen4j.sphinx.SurbId.random(net.rng);
        MessageSender.Prepared p2 = sender.prepare(net.echoNodeId, "+echo".getBytes(StandardCharsets.US_ASCII),
                "again".getBytes(StandardCharsets.US_ASCII), Optional.of(id2));
        Runnable undo = registry.registerChannelQuery(id2, app, p2.keys().orElseThrow(), got::add);
        undo.run();
        assertThat(registry.size()).isZero();
        registry.registerChannelQuery(id2, app, p2.keys().orElseThrow(), got::add);
        router.appDisconnected(app);
        assertThat(registry.size()).isZero();
    }

    @Test
    void channelRequestsAreAnsweredAtOnceWithServiceUnavailable() {
        QueryId q = QueryId.random(net.rng);
        router.handle(app, new ThinRequest.CreateWriteChannel(q));
        router.handle(app, new ThinRequest.CloseChannel(7));
        MessageId mid = MessageId.random(net.rng);
        router.handle(app, new ThinRequest.SendChannelQuery(mid, 7, echoNode(), echoQueue(), Blob.utf8("q")));
        assertThat(apps.of(ThinResponse.CreateWriteChannelReply.class)).singleElement().satisfies(r -> {
            assertThat(r.queryId()).isEqualTo(q);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.code());
        });
        assertThat(apps.of(ThinResponse.ChannelQueryReplyEvent.class)).singleElement()
                .satisfies(r -> assertThat(r.messageId()).isEqualTo(mid));
        assertThat(apps.sent).hasSize(2);
        // every reply encodes
        apps.sent.forEach(s -> assertThat(s.response().encode()).isNotEmpty());
    }
}
