package org.katzen4j.wire;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.katzen4j.wire.commands.Consensus;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.Disconnect;
import org.katzen4j.wire.commands.GetConsensus2;
import org.katzen4j.wire.commands.Message;
import org.katzen4j.wire.commands.MessageAck;
import org.katzen4j.wire.commands.MessageEmpty;
import org.katzen4j.wire.commands.NoOp;
import org.katzen4j.wire.commands.RetrieveMessage;
import org.katzen4j.wire.commands.SendPacket;
import org.katzen4j.wire.commands.WireCommand;

/**
 * The client side of one gateway session (kpclientd's connection worker, client2/connection.go):
 * a reader thread dispatching what the gateway sends, a poller sending {@code RetrieveMessage}, the
 * consensus fetch, and packet sending.
 *
 * <ul>
 *   <li>Polling: the first poll after {@code firstPoll} (3 s in the reference); then one
 *       {@code RetrieveMessage{seq}} at a time, the next one {@code pollInterval} after the previous
 *       was sent and only once its answer arrived. The sequence advances after Message and MessageACK,
 *       never after MessageEmpty, so the next poll acknowledges the previous message. An answer
 *       with another sequence number, or with none requested, ends the session.</li>
 *   <li>Consensus: {@code GetConsensus2{epoch}}, chunks reassembled by {@link ConsensusDechunker};
 *       one request at a time (callers queue). Unlike Go, "no document yet" does not end the
 *       session. A reply nobody asked for, or the single-shot {@code Consensus}, ends it.</li>
 *   <li>Disconnect, any decode/decrypt error, or a command a gateway must not send ends the
 *       session; {@link Listener#onClosed} reports why exactly once.</li>
 * </ul>
 */
public final class GatewayClient implements ConsensusFetcher, AutoCloseable {
    /** kpclientd waits this long before its first poll. */
    public static final Duration DEFAULT_FIRST_POLL = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CONSENSUS_TIMEOUT = Duration.ofMinutes(2);

    /** Callbacks, run on the reader thread; they must not block for long. */
    public interface Listener {
        /** A SURB reply: the still-encrypted payload for the SURB with this ID. */
        default void onSurbReply(byte[] surbId, byte[] payload) {}

        /** A forward message for our queue (kpclientd ignores these, but they are acknowledged). */
        default void onMessage(Message message) {}

        /** The gateway has nothing more queued for us. */
        default void onQueueEmpty() {}

        /** Any command arrived (kpclientd resets its reconnect delay here: {@link ReconnectBackoff#onCommandReceived()}). */
        default void onCommandReceived() {}

        /** The session ended; {@code cause} is null after a local {@link #close()}. */
        default void onClosed(WireException cause) {}
    }

    private final WireSession session;
    private final Listener listener;
    private final Duration firstPoll;
    private final Duration consensusTimeout;
    private volatile Duration pollInterval;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    private boolean retrieveOutstanding;
    private long sequence;
    private boolean closed;

    private final ReentrantLock consensusLock = new ReentrantLock();
    private volatile CompletableFuture<ConsensusReply> pendingConsensus;
    private volatile ConsensusDechunker dechunker;

    private Thread reader;
    private Thread poller;

    public GatewayClient(WireSession session, Listener listener, Duration firstPoll, Duration pollInterval,
            Duration consensusTimeout) {
        this.session = Objects.requireNonNull(session);
        this.listener = Objects.requireNonNull(listener);
        this.firstPoll = Objects.requireNonNull(firstPoll);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.consensusTimeout = Objects.requireNonNull(consensusTimeout);
    }

    /** Reference timings: first poll after 3 s, then as fast as answers arrive until a document sets the interval. */
    public GatewayClient(WireSession session, Listener listener) {
        this(session, listener, DEFAULT_FIRST_POLL, Duration.ZERO, DEFAULT_CONSENSUS_TIMEOUT);
    }

    /** Starts the reader and poller threads (virtual). */
    public synchronized GatewayClient start() {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = Thread.ofVirtual().name("wire-reader-" + session).start(this::readLoop);
        poller = Thread.ofVirtual().name("wire-poller-" + session).start(this::pollLoop);
        return this;
    }

    /** kpclientd: {@code 0.8 / (LambdaP + LambdaL)} ms from the current document. */
    public void setPollInterval(Duration interval) {
        this.pollInterval = Objects.requireNonNull(interval);
    }

    public WireSession session() {
        return session;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Sends one Sphinx packet ({@code packetLength} bytes). No acknowledgement exists. */
    public void sendPacket(byte[] packet) throws WireException {
        session.send(new SendPacket(packet));
    }

    @Override
    public ConsensusReply fetchConsensus(long epoch) throws WireException, InterruptedException {
        consensusLock.lockInterruptibly();
        try {
            if (!session.isOpen()) {
                throw new TransportException(WireException.Kind.CLOSED, "not connected");
            }
            CompletableFuture<ConsensusReply> f = new CompletableFuture<>();
            dechunker = new ConsensusDechunker(epoch);
            pendingConsensus = f;
            session.send(new GetConsensus2(epoch));
            try {
                return f.get(consensusTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Late chunks would look unsolicited; end the session rather than guess.
                fail(new TransportException(WireException.Kind.TIMEOUT, "no consensus for epoch " + epoch + " within "
                        + consensusTimeout));
                throw new TransportException(WireException.Kind.TIMEOUT, "consensus fetch timed out", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WireException w) {
                    throw w;
                }
                throw new TransportException(WireException.Kind.IO, "consensus fetch failed: " + e.getCause(), e);
            } finally {
                pendingConsensus = null;
                dechunker = null;
            }
        } finally {
            consensusLock.unlock();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                WireCommand c = session.receive();
                listener.onCommandReceived();
                dispatch(c);
            }
        } catch (WireException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new TransportException(WireException.Kind.PROTOCOL, "listener failed: " + e, e));
        }
    }

    private void dispatch(WireCommand c) throws WireException {
        switch (c) {
            case NoOp n -> { }
            case Disconnect d -> throw new TransportException(WireException.Kind.CLOSED, "gateway sent Disconnect");
            case MessageAck a -> {
                answer(a.sequence(), true);
                listener.onSurbReply(a.surbId(), a.payload());
            }
            case Message m -> {
                answer(m.sequence(), true);
                listener.onMessage(m);
                if (m.queueSizeHint() == 0) {
                    listener.onQueueEmpty();
                }
            }
            case MessageEmpty e -> {
                answer(e.sequence(), false);
                listener.onQueueEmpty();
            }
            case Consensus2 chunk -> {
                CompletableFuture<ConsensusReply> f = pendingConsensus;
                ConsensusDechunker d = dechunker;
                if (f == null || d == null) {
                    throw new TransportException(WireException.Kind.PROTOCOL, "Consensus2 without a request");
                }
                ConsensusReply r = d.add(chunk);
                if (r != null) {
                    dechunker = null;
                    f.complete(r);
                }
            }
            case Consensus whole -> throw new TransportException(WireException.Kind.UNEXPECTED_COMMAND,
                    "gateway sent the single-shot Consensus, which this client never requests");
            default -> throw new CommandException(WireException.Kind.UNEXPECTED_COMMAND,
                    "gateway sent " + c.id() + ", which a client never expects");
        }
    }

    /** Checks a Message-family answer against the outstanding poll. */
    private void answer(long seq, boolean advances) throws TransportException {
        lock.lock();
        try {
            if (!retrieveOutstanding) {
                throw new TransportException(WireException.Kind.PROTOCOL, "queue answer without a RetrieveMessage");
            }
            if (seq != sequence) {
                throw new TransportException(WireException.Kind.PROTOCOL, "queue answer for sequence " + seq
                        + ", expected " + sequence);
            }
            if (advances) {
                sequence = (sequence + 1) & 0xffffffffL;
            }
            retrieveOutstanding = false;
            answered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pollLoop() {
        try {
            sleep(firstPoll);
            while (true) {
                long seq;
                lock.lock();
                try {
                    while (retrieveOutstanding && !closed) {
                        answered.await();
                    }
                    if (closed) {
                        return;
                    }
                    retrieveOutstanding = true;
                    seq = sequence;
                } finally {
                    lock.unlock();
                }
                session.send(new RetrieveMessage(seq));
                sleep(pollInterval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WireException e) {
            fail(e);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d);
        }
    }

    private void fail(WireException cause) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            answered.signalAll();
        } finally {
            lock.unlock();
        }
        session.close();
        CompletableFuture<ConsensusReply> f = pendingConsensus;
        if (f != null) {
            f.completeExceptionally(cause != null ? cause
                    : new TransportException(WireException.Kind.CLOSED, "session closed"));
        }
        if (poller != null && Thread.currentThread() != poller) {
            poller.interrupt();
        }
        try {
            listener.onClosed(cause);
        } catch (RuntimeException ignored) {
            // the session is gone either way
        }
    }

    /** The sequence number the next poll will carry. */
    public long nextSequence() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the session; the listener sees {@code onClosed(null)}. */
    @Override
    public void close() {
        fail(null);
    }
}
