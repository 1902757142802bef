package org.katzen4j.daemon.listener;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/** A raw test peer: writes arbitrary bytes, collects decoded response frames or the end of stream. */
final class TestApp implements AutoCloseable {
    /** Marks the end of the stream in {@link #frames}. */
    static final Object EOF = new Object();

    final SocketChannel ch;
    final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();

    TestApp(SocketAddress addr) throws IOException {
        ch = addr instanceof UnixDomainSocketAddress u ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        ch.connect(addr);
        Thread.ofVirtual().start(() -> {
            InputStream in = Channels.newInputStream(ch);
            try {
                while (true) {
                    byte[] body = Frames.read(in, Frames.DEFAULT_MAX_FRAME);
                    if (body == null) {
                        break;
                    }
                    frames.add(body);
                }
            } catch (Exception e) {
                // closed
            } finally {
                frames.add(EOF);
            }
        });
    }

    static TestApp tcp(ThinListener l) throws IOException {
        return new TestApp(l.localAddress() instanceof InetSocketAddress a
                ? new InetSocketAddress("127.0.0.1", a.getPort()) : l.localAddress());
    }

    void raw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    void send(ThinRequest r) throws IOException {
        raw(Frames.frame(r.encode()));
    }

    /** The next response (empty for an all-null one); fails on timeout or end of stream. */
    ThinResponse next() throws Exception {
        Object o = frames.poll(5, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no frame within 5 s");
        }
        if (o == EOF) {
            throw new AssertionError("connection closed");
        }
        Optional<ThinResponse> r = ThinResponse.decode((byte[]) o);
        return r.orElse(null);
    }

    @SuppressWarnings("unchecked")
    <T extends ThinResponse> T next(Class<T> type) throws Exception {
        ThinResponse r = next();
        if (!type.isInstance(r)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + r);
        }
        return (T) r;
    }

    /** Nothing arrives within {@code d}. */
    boolean quiet(Duration d) throws InterruptedException {
        Object o = frames.poll(d.toMillis(), TimeUnit.MILLISECONDS);
        if (o != null) {
            frames.add(o);
            return false;
        }
        return true;
    }

    /** The server closed the stream (after any remaining frames). */
    boolean closedByServer() throws InterruptedException {
        while (true) {
            Object o = frames.poll(5, TimeUnit.SECONDS);
            if (o == null) {
                return false;
            }
            if (o == EOF) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
