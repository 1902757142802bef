package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.channel.CourierQueryTransport;
import org.katzen4j.daemon.channel.EngineCourierTransport;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.sphinx.SurbId;

/**
 * {@link EngineCourierTransport} over the engine's real packet path (Sphinx packets through the
 * fake mix network): a channel query is composed and written only when its send job gets its turn
 * (in the daemon, a Poisson tick), nothing waits on a thread meanwhile, a full queue refuses at
 * once, and a failed write unregisters the SURB.
 */
class ChannelQueryTransportTest {
    static final byte[] ECHO = "+echo".getBytes(StandardCharsets.US_ASCII);

    FakeNetwork net;
    FakeNetwork.Link link;
    MessageSender sender;
    final List<Runnable> turns = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<SurbId, AppId> registered = new ConcurrentHashMap<>();
    final List<byte[]> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
    EngineCourierTransport transport;
    AppId app;

    @BeforeEach
    void setUp() throws Exception {
        net = new FakeNetwork(7);
        link = net.new Link();
        PacketFactory factory = new PacketFactory(net.sphinx, net.rng, net.clock, FakeNetwork.TIME.period());
        sender = new MessageSender(factory, () -> Optional.of(net.document), link);
        EngineCourierTransport.SendQueue queue = (a, job) -> turns.size() < 2 && turns.add(job);
        EngineCourierTransport.SurbRegistrar registrar = (id, a, keys, onReply) -> {
            registered.put(id, a);
            return () -> registered.remove(id);
        };
        transport = new EngineCourierTransport(sender, queue, registrar, net.rng, net.clock);
        app = AppId.random(net.rng);
    }

    private CompletableFuture<CourierQueryTransport.Sent> send(String text) {
        return transport.sendAsync(app, net.echoNodeId, ECHO, text.getBytes(StandardCharsets.US_ASCII), replies::add);
    }

    @Test
    void aQueryLeavesOnlyWhenItsTurnComes() throws Exception {
        CompletableFuture<CourierQueryTransport.Sent> f = send("query");
        assertThat(f).as("waiting for its turn").isNotDone();
        assertThat(link.sent).as("nothing written before the turn").isEmpty();
        assertThat(registered).isEmpty();
        assertThat(turns).hasSize(1);

        turns.remove(0).run();
        assertThat(link.sent).as("one Sphinx packet per query").hasSize(1);
        assertThat(registered).as("its SURB is registered for the app").containsValue(app).hasSize(1);
        CourierQueryTransport.Sent sent = f.getNow(null);
        assertThat(sent).isNotNull();
        assertThat(sent.sentAt()).isEqualTo(net.clock.instant());
        assertThat(sent.replyEta()).isPositive();
        assertThat(net.deliveries).as("the packet reached the destination service").hasSize(1);
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        CompletableFuture<CourierQueryTransport.Sent> a = send("one");
        CompletableFuture<CourierQueryTransport.Sent> b = send("two");
        CompletableFuture<CourierQueryTransport.Sent> c = send("three");
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
        assertThat(c).isCompletedExceptionally();
        assertThatThrownBy(c::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CourierQueryTransport.TransportException.class).hasMessageContaining("queue full");
        assertThat(link.sent).isEmpty();
    }

    @Test
    void aWriteThatFailsOnItsTurnUnregistersItsSurbAndFailsTheQuery() {
        CompletableFuture<CourierQueryTransport.Sent> f = send("query");
        link.connected = false;
        turns.remove(0).run();
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get).cause().isInstanceOf(CourierQueryTransport.TransportException.class)
                .hasMessageContaining("not connected");
        assertThat(registered).as("no SURB left behind").isEmpty();
        assertThat(link.sent).isEmpty();
    }

    @Test
    void theBlockingSendWaitsForTheTurn() throws Exception {
        CompletableFuture<CourierQueryTransport.Sent> result = CompletableFuture.supplyAsync(() -> {
            try {
                return transport.send(app, net.echoNodeId, ECHO, "sync".getBytes(StandardCharsets.US_ASCII),
                        replies::add);
            } catch (CourierQueryTransport.TransportException e) {
                throw new AssertionError(e);
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (turns.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(turns).hasSize(1);
        assertThat(result).isNotDone();
        turns.remove(0).run();
        assertThat(result.get().replyEta()).isPositive();
    }

    @Test
    void onThePoissonSchedulerEachQueryLeavesOnItsOwnTick() throws Exception {
        ManualScheduler clock = new ManualScheduler(net.clock.instant());
        SendScheduler poisson = new SendScheduler(clock, net.rng, false, () -> { }, 10, 5);
        EngineCourierTransport paced = new EngineCourierTransport(sender, poisson::submit,
                (id, a, keys, onReply) -> () -> { }, net.rng, net.clock);
        CompletableFuture<CourierQueryTransport.Sent> first = paced.sendAsync(app, net.echoNodeId, ECHO,
                "one".getBytes(StandardCharsets.US_ASCII), replies::add);
        CompletableFuture<CourierQueryTransport.Sent> second = paced.sendAsync(app, net.echoNodeId, ECHO,
                "two".getBytes(StandardCharsets.US_ASCII), replies::add);
        clock.advance(java.time.Duration.ofSeconds(10));
        assertThat(link.sent).as("no tick before the daemon is connected and has rates").isEmpty();

        poisson.setRates(0.01, 1000); // a tick every 100 ms on average, at most 1 s apart
        poisson.setConnected(true);
        int ticks = 0;
        while (link.sent.isEmpty() && ticks++ < 100) {
            clock.advance(java.time.Duration.ofMillis(1));
        }
        assertThat(first).isDone();
        assertThat(link.sent).as("the first tick carries one query").hasSize(1);
        assertThat(second).isNotDone();
        long ticksBefore = poisson.ticks();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(second).isDone();
        assertThat(link.sent).hasSize(2);
        assertThat(poisson.ticks()).isGreaterThan(ticksBefore);

        for (int i = 0; i < 5; i++) {
            paced.sendAsync(app, net.echoNodeId, ECHO, new byte[] {(byte) i}, replies::add);
        }
        assertThat(paced.sendAsync(app, net.echoNodeId, ECHO, new byte[] {9}, replies::add))
                .as("the app's share of the send queue is full").isCompletedExceptionally();
    }
}
