package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.mkem.X25519Nike;
import org.katzen4j.pigeonhole.replica.ReplicaEpochs;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * A channel service wired to the fake courier network with X25519 replica keys (fast), running
 * everything on the calling thread unless asked for real threads, and one event queue per app.
 * "Restarting the daemon" = a new harness over the same network.
 */
final class ChannelHarness implements AutoCloseable {
    static final PigeonholeGeometry GEO = PigeonholeGeometry.of(
            FakeCourierNetwork.USER_FORWARD_PAYLOAD - PigeonholeGeometry.totalOverhead(X25519Nike.KEY_SIZE), X25519Nike.NAME);
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final FakeCourierNetwork net;
    final ChannelService service;
    final SecureRandom rng;
    final Map<AppId, BlockingQueue<ThinResponse>> queues = new ConcurrentHashMap<>();

    ChannelHarness(FakeCourierNetwork net, SecureRandom rng, boolean ownershipEnforced, boolean ownThreads) {
        this.net = net;
        this.rng = rng;
        ChannelService.EventSink sink = (app, r) -> queue(app).add(r);
        this.service = ownThreads
                ? ChannelService.withOwnThreads(net, sink, GEO, net.mkem, rng, CLOCK, Duration.ofMinutes(20), 2,
                        ownershipEnforced)
                : new ChannelService(net, sink, GEO, net.mkem, rng, CLOCK, Duration.ofMinutes(20), Runnable::run,
                        Runnable::run, ownershipEnforced);
    }

    static FakeCourierNetwork network(SecureRandom rng, int replicas) throws Exception {
        long pkiEpoch = 123456;
        return new FakeCourierNetwork(X25519Nike.INSTANCE, replicas, ReplicaEpochs.at(NOW), pkiEpoch, rng);
    }

    BlockingQueue<ThinResponse> queue(AppId app) {
        return queues.computeIfAbsent(app, a -> new LinkedBlockingQueue<>());
    }

    AppId newApp() {
        return AppId.random(rng);
    }

    /** The next response to {@code app}, of the given type. */
    <T extends ThinResponse> T next(AppId app, Class<T> type) throws InterruptedException {
        ThinResponse r = queue(app).poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a %s for app %s", type.getSimpleName(), app).isNotNull();
        assertThat(r).isInstanceOf(type);
        return type.cast(r);
    }

    void assertQuiet(AppId app) {
        assertThat(queue(app)).isEmpty();
    }

    QueryId qid() {
        return QueryId.random(rng);
    }

    // ------------------------------------------------------------------ command helpers (expect success)

    ThinResponse.CreateWriteChannelReply createWrite(AppId app) throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.CreateWriteChannel(q));
        ThinResponse.CreateWriteChannelReply r = next(app, ThinResponse.CreateWriteChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r;
    }

    int createRead(AppId app, ReadCap cap) throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.CreateReadChannel(q, cap));
        ThinResponse.CreateReadChannelReply r = next(app, ThinResponse.CreateReadChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r.channelId();
    }

    ThinResponse.WriteChannelReply write(AppId app, int ch, String message) throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.WriteChannel(q, ch, Blob.utf8(message)));
        ThinResponse.WriteChannelReply r = next(app, ThinResponse.WriteChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r;
    }

    ThinResponse.ReadChannelReply read(AppId app, int ch, MessageBoxIndex at, Integer replyIndex)
            throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.ReadChannel(ch, q, at, replyIndex));
        ThinResponse.ReadChannelReply r = next(app, ThinResponse.ReadChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r;
    }

    int resumeWrite(AppId app, WriteCap cap, MessageBoxIndex at) throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.ResumeWriteChannel(q, cap, at));
        ThinResponse.ResumeWriteChannelReply r = next(app, ThinResponse.ResumeWriteChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r.channelId();
    }

    int resumeRead(AppId app, ReadCap cap, MessageBoxIndex at) throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.ResumeReadChannel(q, cap, at, null));
        ThinResponse.ResumeReadChannelReply r = next(app, ThinResponse.ResumeReadChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r.channelId();
    }

    int resumeWriteQuery(AppId app, WriteCap cap, MessageBoxIndex at, Blob descriptor, Hash256 hash)
            throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.ResumeWriteChannelQuery(q, cap, at, descriptor, hash));
        ThinResponse.ResumeWriteChannelQueryReply r = next(app, ThinResponse.ResumeWriteChannelQueryReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r.channelId();
    }

    int resumeReadQuery(AppId app, ReadCap cap, MessageBoxIndex at, Blob descriptor, Hash256 hash)
            throws InterruptedException {
        QueryId q = qid();
        service.handle(app, new ThinRequest.ResumeReadChannelQuery(q, cap, at, null, descriptor, hash));
        ThinResponse.ResumeReadChannelQueryReply r = next(app, ThinResponse.ResumeReadChannelQueryReply.class);
        assertThat(r.queryId()).isEqualTo(q);
        assertThat(r.errorCode()).isZero();
        return r.channelId();
    }

    /** send_channel_query: returns the reply event (after checking the sent event precedes it). */
    ThinResponse.ChannelQueryReplyEvent send(AppId app, int ch, Blob payload) throws InterruptedException {
        MessageId m = MessageId.random(rng);
        service.handle(app, new ThinRequest.SendChannelQuery(m, ch, Hash256.of(FakeCourierNetwork.COURIER_ID),
                Blob.of(FakeCourierNetwork.COURIER_QUEUE), payload));
        ThinResponse.ChannelQuerySentEvent sent = next(app, ThinResponse.ChannelQuerySentEvent.class);
        assertThat(sent.messageId()).isEqualTo(m);
        assertThat(sent.errorCode()).isZero();
        ThinResponse r = queue(app).poll(20, TimeUnit.SECONDS);
        if (r instanceof ThinResponse.MessageReplyEvent mr) {
            assertThat(mr.messageId()).isEqualTo(m);
            r = queue(app).poll(20, TimeUnit.SECONDS);
            assertThat(r).isInstanceOf(ThinResponse.ChannelQueryReplyEvent.class);
            assertThat(((ThinResponse.ChannelQueryReplyEvent) r).payload()).isEqualTo(mr.payload());
        }
        assertThat(r).isInstanceOf(ThinResponse.ChannelQueryReplyEvent.class);
        ThinResponse.ChannelQueryReplyEvent e = (ThinResponse.ChannelQueryReplyEvent) r;
        assertThat(e.messageId()).isEqualTo(m);
        return e;
    }

    /** The write flow of the guide: send until the courier has answered twice (ACK, then the cached reply). */
    void sendWrite(AppId app, int ch, ThinResponse.WriteChannelReply w) throws InterruptedException {
        ThinResponse.ChannelQueryReplyEvent first = send(app, ch, w.sendMessagePayload());
        assertThat(first.errorCode()).isZero();
        assertThat(first.payload()).isEqualTo(Blob.EMPTY);
        ThinResponse.ChannelQueryReplyEvent second = send(app, ch, w.sendMessagePayload());
        assertThat(second.errorCode()).isZero();
    }

    /** Sends a prepared read until it yields a non-empty payload (at most 3 sends); returns the text. */
    String sendRead(AppId app, int ch, Blob payload) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            ThinResponse.ChannelQueryReplyEvent e = send(app, ch, payload);
            assertThat(e.errorCode()).isZero();
            if (!e.payload().isEmpty()) {
                return e.payload().asUtf8();
            }
        }
        return "";
    }

    static String text(Blob b) {
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    static MessageBoxIndex index(Blob b) {
        return MessageBoxIndex.of(b.toByteArray());
    }

    @Override
    public void close() {
        service.close();
    }
}
