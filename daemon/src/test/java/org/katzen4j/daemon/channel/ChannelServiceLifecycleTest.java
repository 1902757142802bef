package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.engine.ChannelHandler;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/** The channel service's threads: closing ends them, and a send waiting for its turn holds no thread. */
class ChannelServiceLifecycleTest {

    private static Set<Thread> pigeonholeThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pigeonhole-")) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void closingTheHandlerEndsTheServiceThreadsAndLaterRequestsAreIgnored() throws Exception {
        SecureRandom rng = new SecureRandom(new byte[] {7});
        Set<Thread> before = pigeonholeThreads();
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, false, true);
        ChannelHandler handler = PigeonholeChannels.handler(h.service);
        AppId alice = h.newApp();
        ThinResponse.CreateWriteChannelReply w = h.createWrite(alice);
        ThinResponse.WriteChannelReply prepared = h.write(alice, w.channelId(), "hello"); // crypto thread
        h.sendWrite(alice, w.channelId(), prepared); // send thread

        Set<Thread> mine = pigeonholeThreads();
        mine.removeAll(before);
        assertThat(mine).as("the service runs its own threads").isNotEmpty();

        handler.close();
        for (Thread t : mine) {
            t.join(5000);
            assertThat(t.isAlive()).as("%s ended after close", t.getName()).isFalse();
        }
        h.service.handle(alice, new ThinRequest.CreateWriteChannel(QueryId.random(rng)));
        assertThat(h.queue(alice).poll(200, TimeUnit.MILLISECONDS)).as("no reply after close").isNull();
        h.assertQuiet(alice);
    }

    /** Delegates to the fake courier network, but holds the first {@code held} sends until released. */
    static final class TurnTakingTransport implements CourierQueryTransport {
        final FakeCourierNetwork net;
        final List<Runnable> waiting = new CopyOnWriteArrayList<>();
        int held;

        TurnTakingTransport(FakeCourierNetwork net, int held) {
            this.net = net;
            this.held = held;
        }

        @Override
        public Optional<ReplicaDirectory> replicas() {
            return net.replicas();
        }

        @Override
        public Sent send(AppId app, byte[] dest, byte[] queue, byte[] payload, Consumer<byte[]> onReply)
                throws TransportException {
            return net.send(app, dest, queue, payload, onReply);
        }

        @Override
        public synchronized CompletableFuture<Sent> sendAsync(AppId app, byte[] dest, byte[] queue, byte[] payload,
                Consumer<byte[]> onReply) {
            if (held == 0) {
                return CourierQueryTransport.super.sendAsync(app, dest, queue, payload, onReply);
            }
            held--;
            CompletableFuture<Sent> f = new CompletableFuture<>();
            waiting.add(() -> {
                try {
                    f.complete(net.send(app, dest, queue, payload, onReply));
                } catch (TransportException e) {
                    f.completeExceptionally(e);
                }
            });
            return f;
        }
    }

    @Test
    void aSendWaitingForItsTurnDoesNotHoldUpOtherAppsSends() throws Exception {
        SecureRandom rng = new SecureRandom(new byte[] {8});
        FakeCourierNetwork net = ChannelHarness.network(rng, 2);
        TurnTakingTransport transport = new TurnTakingTransport(net, 1);
        ConcurrentHashMap<AppId, BlockingQueue<ThinResponse>> queues = new ConcurrentHashMap<>();
        ChannelService.EventSink sink = (app, r) -> queues.computeIfAbsent(app, a -> new LinkedBlockingQueue<>()).add(r);
        try (ChannelService s = ChannelService.withOwnThreads(transport, sink, ChannelHarness.GEO, net.mkem, rng,
                ChannelHarness.CLOCK, Duration.ofMinutes(20), 1, false)) {
            AppId alice = AppId.random(rng);
            AppId bob = AppId.random(rng);
            int a = create(s, alice, queues);
            int b = create(s, bob, queues);
            MessageId m1 = MessageId.random(rng);
            MessageId m2 = MessageId.random(rng);
            s.handle(alice, new ThinRequest.WriteChannel(QueryId.random(rng), a, Blob.utf8("first")));
            ThinResponse w = queues.get(alice).poll(10, TimeUnit.SECONDS);
            assertThat(w).isInstanceOf(ThinResponse.WriteChannelReply.class);
            s.handle(alice, query(m1, a, ((ThinResponse.WriteChannelReply) w).sendMessagePayload()));
            s.handle(bob, query(m2, b, Blob.of(new byte[] {1, 2, 3})));

            // bob's query leaves while alice's still waits for its turn on the single send thread
            ThinResponse bobSent = queues.computeIfAbsent(bob, x -> new LinkedBlockingQueue<>()).poll(10, TimeUnit.SECONDS);
            assertThat(bobSent).isInstanceOf(ThinResponse.ChannelQuerySentEvent.class);
            assertThat(((ThinResponse.ChannelQuerySentEvent) bobSent).messageId()).isEqualTo(m2);
            assertThat(queues.get(alice)).as("alice's query has not left yet").isEmpty();
            assertThat(transport.waiting).hasSize(1);

            transport.waiting.get(0).run(); // alice's turn
            ThinResponse aliceSent = queues.get(alice).poll(10, TimeUnit.SECONDS);
            assertThat(aliceSent).isInstanceOf(ThinResponse.ChannelQuerySentEvent.class);
            assertThat(((ThinResponse.ChannelQuerySentEvent) aliceSent).messageId()).isEqualTo(m1);
            assertThat(((ThinResponse.ChannelQuerySentEvent) aliceSent).errorCode()).isZero();
            ThinResponse aliceReply = queues.get(alice).poll(10, TimeUnit.SECONDS);
            assertThat(aliceReply).as("the reply follows the sent event").isInstanceOf(
                    ThinResponse.ChannelQueryReplyEvent.class);
        }
    }

    private static int create(ChannelService s, AppId app, ConcurrentHashMap<AppId, BlockingQueue<ThinResponse>> q)
            throws InterruptedException {
        s.handle(app, new ThinRequest.CreateWriteChannel(QueryId.random(new SecureRandom())));
        ThinResponse r = q.computeIfAbsent(app, x -> new LinkedBlockingQueue<>()).poll(10, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(ThinResponse.CreateWriteChannelReply.class);
        return ((ThinResponse.CreateWriteChannelReply) r).channelId();
    }

    private static ThinRequest.SendChannelQuery query(MessageId m, int ch, Blob payload) {
        return new ThinRequest.SendChannelQuery(m, ch, Hash256.of(FakeCourierNetwork.COURIER_ID),
                Blob.of(FakeCourierNetwork.COURIER_QUEUE), payload);
    }
}
