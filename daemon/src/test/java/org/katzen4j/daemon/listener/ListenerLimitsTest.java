package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.*;

/** The listener's limits: frame size, connected apps, pending requests per app (with fairness), channels per app. */
class ListenerLimitsTest {
    static final byte[] DOC = ThinListenerTest.DOC;
    final SecureRandom rng = new SecureRandom();
    ThinListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    TestApp dial() throws Exception {
        TestApp a = TestApp.tcp(listener);
        a.next(ConnectionStatusEvent.class);
        a.next(NewPkiDocumentEvent.class);
        return a;
    }

    static ThinRequest.SendArqMessage arq(MessageId id) {
        return new ThinRequest.SendArqMessage(id, false, null, Hash256.of(new byte[32]), Blob.utf8("q"), Blob.utf8("p"));
    }

    static ThinRequest.SendMessage withSurb(MessageId id, SurbId s) {
        return new ThinRequest.SendMessage(id, true, s, Hash256.of(new byte[32]), Blob.utf8("q"), Blob.utf8("p"));
    }

    @Test
    void frameOfExactlyTheLimitIsReadOneByteMoreClosesTheConnection() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(rng, false);
        listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxFrameSize(1024), engine, rng, false);
        engine.router().pkiDocument(DOC);
        QueryId q = QueryId.random(rng);
        int n = 0;
        while (new ThinRequest.WriteChannel(q, 1, Blob.of(new byte[n])).encode().length < 1024) {
            n++;
        }
        byte[] exact = new ThinRequest.WriteChannel(q, 1, Blob.of(new byte[n])).encode();
        assertThat(exact).hasSize(1024);
        try (TestApp a = dial()) {
            a.raw(Frames.frame(exact));
            assertThat(a.next(WriteChannelReply.class).queryId()).isEqualTo(q); // error 7, but read and answered
            a.raw(Frames.frame(new ThinRequest.WriteChannel(q, 1, Blob.of(new byte[n + 1])).encode()));
            assertThat(a.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsBeyondMaxAppsAreRefusedAndConnectedAppsKeepWorking() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(rng, false);
        listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxApps(2), engine, rng, false);
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp b = dial(); TestApp extra = TestApp.tcp(listener)) {
            assertThat(extra.closedByServer()).as("third app closed without any frame").isTrue();
            assertThat(listener.refusedConnections()).isEqualTo(1);
            assertThat(engine.connected).hasSize(2); // the engine never heard of it
            for (TestApp t : new TestApp[] {a, b}) {
                QueryId q = QueryId.random(rng);
                t.send(new ThinRequest.CreateWriteChannel(q));
                assertThat(t.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
            }
            a.send(new ThinRequest.ThinClose());
            assertThat(a.closedByServer()).isTrue();
            assertThat(engine.disconnected.poll(5, TimeUnit.SECONDS)).isNotNull();
            try (TestApp c = dial()) { // a free slot again
                QueryId q = QueryId.random(rng);
                c.send(new ThinRequest.CreateWriteChannel(q));
                assertThat(c.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
            }
        }
    }

    @Test
    void requestsBeyondThePendingLimitAreAnsweredWithAnErrorByTheListener() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(rng, false);
        engine.silent.add("send_arq_message");
        engine.silent.add("create_write_channel");
        listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxPendingPerApp(4), engine, rng, false);
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp other = dial()) {
            MessageId[] ids = new MessageId[6];
            for (int i = 0; i < 6; i++) {
                ids[i] = MessageId.random(rng);
                a.send(arq(ids[i]));
            }
            for (int i = 4; i < 6; i++) {
                MessageSentEvent e = a.next(MessageSentEvent.class);
                assertThat(e.messageId()).isEqualTo(ids[i]);
                assertThat(e.err()).contains("too many pending requests (4)");
            }
            AppId appA = engine.seen.take().app();
            assertThat(engine.seen).hasSize(3); // 4 reached the engine in all
            assertThat(listener.pendingRequests(appA)).isEqualTo(4);
            assertThat(listener.refusedRequests(appA)).isEqualTo(2);
            // a channel request is refused the same way, with error code 10
            QueryId q = QueryId.random(rng);
            a.send(new ThinRequest.CreateWriteChannel(q));
            CreateWriteChannelReply busy = a.next(CreateWriteChannelReply.class);
            assertThat(busy.queryId()).isEqualTo(q);
            assertThat(busy.errorCode()).isEqualTo(10);
            // the other app is not limited by a's backlog
            for (int i = 0; i < 4; i++) {
                other.send(withSurb(MessageId.random(rng), SurbId.random(rng)));
                assertThat(other.next(MessageSentEvent.class).err()).isEmpty();
                other.next(MessageReplyEvent.class);
            }
            // one answer frees one slot
            engine.router().send(appA, new MessageSentEvent(ids[0], SurbId.random(rng), ScriptedEngine.NOW,
                    ScriptedEngine.ETA, null));
            assertThat(a.next(MessageSentEvent.class).messageId()).isEqualTo(ids[0]);
            assertThat(listener.pendingRequests(appA)).isEqualTo(3);
            engine.seen.clear();
            MessageId again = MessageId.random(rng);
            a.send(arq(again));
            ScriptedEngine.Seen s = engine.seen.poll(5, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
            assertThat(s.request()).isEqualTo(arq(again));
            // send_message without a SURB is never answered, so never counted
            for (int i = 0; i < 10; i++) {
                a.send(new ThinRequest.SendMessage(MessageId.random(rng), false, null, Hash256.of(new byte[32]),
                        Blob.utf8("q"), Blob.utf8("p")));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.seen.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(engine.seen).hasSize(10);
            assertThat(a.quiet(Duration.ofMillis(200))).isTrue();
        }
    }

    /**
     * Fairness against an engine shaped like the daemon's: ONE first-in-first-out send queue for
     * all apps, drained one job per tick. A flooder writes sends as fast as it can; a quiet app
     * then sends one. With the pending limit the quiet app's send is served after at most
     * {@code limit} of the flooder's jobs; without it (a limit above the flood) the quiet app waits
     * behind the whole flood, which this test also shows so it can fail.
     */
    @Test
    void aFlooderCannotDelayAQuietAppBeyondItsPendingLimit() throws Exception {
        int limit = 16;
        int limited = jobsAheadOfTheQuietApp(limit, 3000);
        int unlimited = jobsAheadOfTheQuietApp(100_000, 3000);
        System.out.println("fairness: jobs ahead of the quiet app: " + limited + " with limit " + limit + ", " + unlimited
                + " without");
        assertThat(limited).isLessThanOrEqualTo(limit);
        assertThat(unlimited).as("without a useful limit the flood is ahead").isGreaterThan(10 * limit);
    }

    private int jobsAheadOfTheQuietApp(int limit, int flood) throws Exception {
        FifoEngine engine = new FifoEngine();
        listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxPendingPerApp(limit), engine, rng,
                false);
        engine.router.pkiDocument(DOC);
        engine.start(Duration.ofMillis(1));
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (TestApp flooder = dial(); TestApp quiet = dial()) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < flood && flooding.get(); i++) {
                        flooder.send(withSurb(MessageId.random(rng), SurbId.random(rng)));
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
            // the flood is under way once the listener has dealt with 1000 of its requests
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && (engine.flooder == null
                    || engine.received.get() + listener.refusedRequests(engine.flooder) < 1000)) {
                Thread.sleep(5);
            }
            MessageId mine = MessageId.random(rng);
            engine.quietId = mine;
            quiet.send(withSurb(mine, SurbId.random(rng)));
            MessageSentEvent e = quiet.next(MessageSentEvent.class);
            assertThat(e.messageId()).isEqualTo(mine);
            assertThat(e.err()).isEmpty();
            flooding.set(false);
            writer.join(5000);
            return engine.aheadOfQuiet;
        } finally {
            engine.stop();
            listener.close();
            listener = null;
        }
    }

    /** One FIFO send queue for every app, one job per tick; records how many jobs were queued ahead of the quiet app's. */
    static final class FifoEngine implements Engine {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        final AtomicLong received = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean();
        volatile AppRouter router;
        volatile AppId flooder;
        volatile MessageId quietId;
        volatile int aheadOfQuiet = -1;
        private Thread ticker;

        @Override
        public void bind(AppRouter r) {
            router = r;
        }

        @Override
        public void handle(AppId app, ThinRequest request) {
            if (!(request instanceof ThinRequest.SendMessage m)) {
                return;
            }
            synchronized (queue) {
                if (m.id().equals(quietId)) {
                    aheadOfQuiet = queue.size();
                } else {
                    flooder = app;
                    received.incrementAndGet();
                }
                queue.addLast(() -> router.send(app,
                        new MessageSentEvent(m.id(), m.surbId(), ScriptedEngine.NOW, ScriptedEngine.ETA, "")));
            }
        }

        void start(Duration tick) {
            running.set(true);
            ticker = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    Runnable job;
                    synchronized (queue) {
                        job = queue.pollFirst();
                    }
                    if (job != null) {
                        job.run();
                    }
                    try {
                        Thread.sleep(tick);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            ticker.join(2000);
        }

        @Override
        public void appDisconnected(AppId app) {
        }
    }
}
