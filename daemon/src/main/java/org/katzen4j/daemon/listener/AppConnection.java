package org.katzen4j.daemon.listener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app's connection: a reader thread that decodes requests and a writer thread that owns
 * all writes once it exists (so frames never interleave), fed by a bounded queue of complete
 * frames (length prefix included). The writer is started with the first frame that has to be
 * queued, so an app that only received its initial pair (written at accept time) holds one
 * thread. The queue is linked, so an idle app holds no slot array; frames shared by
 * all apps (the PKI document event, the status events) are queued as the same array.
 */
final class AppConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AppConnection.class);
    private static final byte[] STOP = new byte[0];

    final AppId app;
    final String peer;
    private final SocketChannel channel;
    private final ThinListener listener;
    private final BlockingQueue<byte[]> out;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Replies that arrive before the initial status/document pair is sent. Guarded by this. */
    private List<byte[]> held = new ArrayList<>();
    /** Null until a frame is queued after {@link #start()}. Guarded by this. */
    private Thread writer;
    /** Whether {@link #start()} ran (before that, the acceptor may write directly). Guarded by this. */
    private boolean started;
    /** Requests handed to the engine and not yet answered. Guarded by this. */
    private final PendingRequests pending;
    /** Whether the app is being refused by the pending limit (to log the transition once). Guarded by this. */
    private boolean throttled;
    private long refusedTotal;

    AppConnection(AppId app, SocketChannel channel, String peer, ThinListener listener, int maxQueued) {
        this.app = app;
        this.channel = channel;
        this.peer = peer;
        this.listener = listener;
        this.out = new LinkedBlockingQueue<>(maxQueued + 3);
        this.pending = new PendingRequests(listener.config().maxPendingPerApp());
    }

    /** Requests of this app waiting for their first answer (for tests and status). */
    synchronized int pendingCount() {
        return pending.count();
    }

    /** Requests of this app refused by the pending limit so far. */
    synchronized long refusedCount() {
        return refusedTotal;
    }

    /**
     * Counts a request against the pending limit; false (after queueing the listener's own error
     * answer) when the app is at the limit.
     */
    private synchronized boolean admit(ThinRequest req) {
        if (pending.admit(req)) {
            if (throttled && pending.count() < pending.limit()) {
                throttled = false;
                LOG.info("thin app {} ({}): below the pending-request limit again ({} refused so far)", app, peer,
                        refusedTotal);
            }
            return true;
        }
        refusedTotal++;
        if (!throttled) {
            throttled = true;
            LOG.warn("thin app {} ({}): {} requests pending (limit maxPendingPerApp = {}): refusing further requests"
                    + " until replies go out", app, peer, pending.count(), pending.limit());
        } else {
            LOG.debug("thin app {} ({}): refused {} (pending limit)", app, peer, req.key());
        }
        sendFrame(PendingRequests.refusal(req, pending.limit()));
        return false;
    }

    void start() {
        synchronized (this) {
            started = true;
            if (!out.isEmpty()) {
                startWriter();
            }
        }
        Thread.ofVirtual().name("thin-reader-" + app).start(this::readLoop);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** True once the initial pair was queued (broadcasts may flow). */
    synchronized boolean isReady() {
        return held == null;
    }

    /**
     * Queues the initial status/document pair (complete frames, shared and never modified),
     * then anything held back.
     */
    synchronized void sendInitial(byte[] statusFrame, byte[] documentFrame) {
        if (held == null) {
            return;
        }
        List<byte[]> pending = held;
        held = null;
        if (!started && out.isEmpty()) {
            writeNow(statusFrame, documentFrame);
        } else {
            enqueue(statusFrame);
            enqueue(documentFrame);
        }
        for (byte[] f : pending) {
            enqueue(f);
        }
    }

    /**
     * Before the connection's threads run (a new connection, whose socket buffer is empty): writes
     * what the socket takes without blocking from the calling thread, so the initial pair goes
     * out without a hand-off to the writer thread; whatever is left is queued for the writer.
     */
    private void writeNow(byte[]... frames) {
        ByteBuffer[] bufs = new ByteBuffer[frames.length];
        for (int i = 0; i < frames.length; i++) {
            bufs[i] = ByteBuffer.wrap(frames[i]);
        }
        try {
            channel.configureBlocking(false);
            try {
                channel.write(bufs);
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
            return;
        }
        for (ByteBuffer b : bufs) {
            if (b.position() == 0) {
                enqueue(b.array());
            } else if (b.hasRemaining()) {
                enqueue(java.util.Arrays.copyOfRange(b.array(), b.position(), b.limit()));
            }
        }
    }

    /** A reply or event for this app; held until the initial pair if that has not gone yet. */
    synchronized boolean send(ThinResponse r) {
        if (closed.get()) {
            return false;
        }
        pending.answered(r);
        return sendFrame(r);
    }

    /** Queues (or holds) a frame without touching the pending count. */
    private synchronized boolean sendFrame(ThinResponse r) {
        if (closed.get()) {
            return false;
        }
        byte[] frame = r.encodeFrame();
        if (held != null) {
            if (held.size() >= listener.config().maxQueuedFrames()) {
                fail("too many replies held before the first PKI document");
                return false;
            }
            held.add(frame);
            return true;
        }
        return enqueue(frame);
    }

    /**
     * A broadcast (a complete frame, shared and never modified): dropped for apps still waiting
     * for their initial pair (which carries the latest state).
     */
    synchronized void broadcast(byte[] frame) {
        if (held == null && !closed.get()) {
            enqueue(frame);
        }
    }

    /** Queues a frame for the writer (starting it if need be). Caller holds this. */
    private boolean enqueue(byte[] frame) {
        if (closed.get()) {
            return false;
        }
        if (!out.offer(frame)) {
            fail("outbound queue full (" + listener.config().maxQueuedFrames() + " frames): app is not reading");
            return false;
        }
        if (started && writer == null) {
            startWriter();
        }
        return true;
    }

    /** Caller holds this. */
    private void startWriter() {
        writer = Thread.ofVirtual().name("thin-writer-" + app).start(this::writeLoop);
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] frame = out.take();
                if (frame == STOP) {
                    break;
                }
                ByteBuffer buf = ByteBuffer.wrap(frame);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.info("thin app {} ({}): write failed, closing: {}", app, peer, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void readLoop() {
        // buffered: a burst of small requests is taken in a few read calls instead of two per frame
        // (prefix, body); larger bodies are read straight into their array. 4 KB per app.
        InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 4096);
        int max = listener.config().maxFrameSize();
        try {
            while (!closed.get()) {
                byte[] body = Frames.read(in, max);
                if (body == null) {
                    LOG.debug("thin app {} ({}): end of stream", app, peer);
                    break;
                }
                ThinRequest req;
                try {
                    req = ThinRequest.decode(body, listener.config().decodeOptions());
                } catch (DecodeException e) {
                    LOG.warn("thin app {} ({}): closing connection: bad request frame ({} bytes): {}", app, peer,
                            body.length, e.getMessage());
                    break;
                }
                if (req instanceof ThinRequest.ThinClose) {
                    LOG.debug("thin app {} ({}): thin_close", app, peer);
                    break;
                }
                if (!admit(req)) {
                    continue;
                }
                try {
                    listener.engine().handle(app, req);
                } catch (RuntimeException e) {
                    LOG.error("thin app {} ({}): engine failed on {}; closing this app only", app, peer, req.key(), e);
                    break;
                }
            }
        } catch (DecodeException e) {
            LOG.warn("thin app {} ({}): closing connection: {}", app, peer, e.getMessage());
        } catch (java.io.EOFException e) {
            LOG.warn("thin app {} ({}): closing connection: truncated frame: {}", app, peer, e.getMessage());
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.info("thin app {} ({}): closing connection: read failed: {}", app, peer, e.getMessage());
            }
        } finally {
            close();
        }
    }

    /** Closes from a path that may hold locks: marks closed now, closes on another thread. */
    private void fail(String reason) {
        if (closed.compareAndSet(false, true)) {
            LOG.warn("thin app {} ({}): closing connection: {}", app, peer, reason);
            Thread.ofVirtual().start(this::doClose);
        }
    }

    /** Immediate close: drops queued frames, closes the socket, tells listener and engine once. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    private void doClose() {
        out.clear();
        out.offer(STOP);
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closing
        }
        listener.connectionClosed(this);
    }

    /** Graceful close for shutdown: queue {@code last} (if any), let the writer drain, then close. */
    void closeAfter(ThinResponse last, long timeoutMillis) {
        Thread w;
        synchronized (this) {
            if (closed.get()) {
                return;
            }
            if (last != null && held == null) {
                out.offer(last.encodeFrame());
            }
            out.offer(STOP);
            if (started && writer == null) {
                startWriter();
            }
            w = writer;
        }
        try {
            if (w != null && !w.join(java.time.Duration.ofMillis(timeoutMillis))) {
                LOG.info("thin app {} ({}): shutdown flush timed out", app, peer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
