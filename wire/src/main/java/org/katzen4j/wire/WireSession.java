package org.katzen4j.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.NoOp;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.NoiseKem;

/**
 * One authenticated, encrypted wire session over a TCP socket: handshake, the finalising NoOp, then
 * sending and receiving commands. Blocking I/O, meant for virtual threads: one thread may
 * {@link #receive()} while others {@link #send} (sends are serialised so frames leave in nonce order).
 * Any error is fatal: the session closes and every later call fails with {@link WireException.Kind#CLOSED}
 * or the original error's kind.
 */
public final class WireSession implements AutoCloseable {
    /** kpclientd: dial and handshake deadlines. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    /** kpclientd sets a 3-minute TCP keep-alive; there is no application-level keep-alive. */
    public static final Duration TCP_KEEPALIVE = Duration.ofMinutes(3);

    /** What a session needs besides the socket. */
    public record Config(NoiseKem kem, CommandCodec codec, Duration connectTimeout, Duration handshakeTimeout,
            Clock clock) {
        public Config {
            Objects.requireNonNull(kem);
            Objects.requireNonNull(codec);
            Objects.requireNonNull(connectTimeout);
            Objects.requireNonNull(handshakeTimeout);
            Objects.requireNonNull(clock);
        }

        public static Config defaults(NoiseKem kem, CommandCodec codec) {
            return new Config(kem, codec, DEFAULT_CONNECT_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, Clock.systemUTC());
        }

        /** The largest frame body accepted: the largest command either side sends plus the tag. */
        int maxFrameLength() {
            return codec.maxCommandLength() + 16;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transport transport;
    private final CommandCodec codec;
    private final CommandCodec.Direction incoming;
    private final PeerCredentials peer;
    private final long clockSkewSeconds;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private volatile boolean closed;

    private WireSession(Socket socket, InputStream in, OutputStream out, WireHandshake.Outcome o, CommandCodec codec,
            CommandCodec.Direction incoming) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.transport = o.transport();
        this.peer = o.peer();
        this.clockSkewSeconds = o.clockSkewSeconds();
        this.codec = codec;
        this.incoming = incoming;
    }

    /**
     * Dials {@code address}, runs the client handshake (we are the initiator), checks the gateway
     * with {@code authenticator} and waits for its finalising NoOp.
     *
     * @param linkKey our static link key (kpclientd makes a fresh one per connection); not closed here
     * @param queueId our additional data, 32 bytes for a gateway (the queue ID)
     */
    public static WireSession connect(InetSocketAddress address, Config config, NoiseKem.LocalKey linkKey, byte[] queueId,
            PeerAuthenticator authenticator) throws WireException {
        return connect(Dialer.direct(), address.getHostString(), address.getPort(), config, linkKey, queueId,
                authenticator);
    }

    /** As {@link #connect(InetSocketAddress, Config, NoiseKem.LocalKey, byte[], PeerAuthenticator)} through a dialer (e.g. SOCKS5). */
    public static WireSession connect(Dialer dialer, String host, int port, Config config, NoiseKem.LocalKey linkKey,
            byte[] queueId, PeerAuthenticator authenticator) throws WireException {
        Socket s;
        try {
            s = dialer.dial(host, port, config.connectTimeout());
        } catch (SocketTimeoutException e) {
            throw new TransportException(WireException.Kind.TIMEOUT, "connecting to " + host + ":" + port + " timed out", e);
        } catch (IOException e) {
            throw new TransportException(WireException.Kind.IO, "connecting to " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return initiate(s, config, linkKey, queueId, authenticator);
    }

    /** kpclientd's socket options: TCP keep-alive (3 minutes where settable) and no Nagle delay. */
    static void configure(Socket s) throws IOException {
        s.setKeepAlive(true);
        trySetKeepAliveIdle(s);
        s.setTcpNoDelay(true);
    }

    /** The client handshake on an already connected socket (closed on failure). */
    public static WireSession initiate(Socket socket, Config config, NoiseKem.LocalKey linkKey, byte[] queueId,
            PeerAuthenticator authenticator) throws WireException {
        WireSession session = null;
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis())));
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            WireHandshake.Outcome o = WireHandshake.initiate(in, out, config.kem(), linkKey, queueId, authenticator,
                    config.clock(), config.maxFrameLength());
            session = new WireSession(socket, in, out, o, config.codec(), CommandCodec.Direction.GATEWAY_TO_CLIENT);
            // The responder sends a NoOp once it has accepted us; anything else is a protocol error.
            WireCommand first = session.receive();
            if (!(first instanceof NoOp)) {
                throw new HandshakeException("expected the finalising NoOp, got " + first);
            }
            socket.setSoTimeout(0);
            return session;
        } catch (WireException e) {
            if (session != null) {
                session.close();
            }
            closeQuietly(socket);
            if (e instanceof TransportException t && t.kind() == WireException.Kind.TIMEOUT) {
                throw new HandshakeException(WireException.Kind.TIMEOUT, "timed out waiting for the finalising NoOp", e);
            }
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new HandshakeException(WireException.Kind.IO, "handshake I/O: " + e.getMessage(), e);
        }
    }

    /**
     * The gateway side (used by tests and test gateways): responds to the handshake, authenticates
     * the client with {@code authenticator}, then sends the finalising NoOp.
     */
    public static WireSession accept(Socket socket, Config config, NoiseKem.LocalKey linkKey, byte[] additionalData,
            PeerAuthenticator authenticator) throws WireException {
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis())));
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            WireHandshake.Outcome o = WireHandshake.respond(in, out, config.kem(), linkKey, additionalData,
                    config.clock().instant().getEpochSecond() & 0xffffffffL, authenticator, config.maxFrameLength());
            WireSession session = new WireSession(socket, in, out, o, config.codec(),
                    CommandCodec.Direction.CLIENT_TO_GATEWAY);
            session.send(NoOp.INSTANCE);
            socket.setSoTimeout(0);
            return session;
        } catch (WireException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new HandshakeException(WireException.Kind.IO, "handshake I/O: " + e.getMessage(), e);
        }
    }

    /** The peer's authenticated link key and additional data. */
    public PeerCredentials peer() {
        return peer;
    }

    /** Our clock minus the gateway's at handshake time, in seconds (initiator only; 0 for a responder). */
    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public CommandCodec codec() {
        return codec;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Encrypts and writes one command (padded per the codec). */
    public void send(WireCommand command) throws WireException {
        byte[] plain = codec.encode(command);
        synchronized (writeLock) {
            ensureOpen();
            try {
                out.write(transport.seal(plain));
                out.flush();
            } catch (IOException e) {
                close();
                throw new TransportException(WireException.Kind.IO, "sending " + command.id() + ": " + e.getMessage(), e);
            } catch (WireException e) {
                close();
                throw e;
            }
        }
    }

    /** Blocks for the next command from the peer. */
    public WireCommand receive() throws WireException {
        synchronized (readLock) {
            ensureOpen();
            try {
                byte[] hdr = readFully(Transport.HEADER_LENGTH);
                int len = transport.openHeader(hdr);
                byte[] body = readFully(len);
                return codec.decode(transport.openBody(body), incoming);
            } catch (SocketTimeoutException e) {
                close();
                throw new TransportException(WireException.Kind.TIMEOUT, "timed out reading a frame", e);
            } catch (EOFException e) {
                boolean local = closed;
                close();
                throw new TransportException(local ? WireException.Kind.CLOSED : WireException.Kind.IO,
                        local ? "session closed" : "peer closed the connection", e);
            } catch (IOException e) {
                boolean local = closed;
                close();
                throw new TransportException(local ? WireException.Kind.CLOSED : WireException.Kind.IO,
                        local ? "session closed" : "reading a frame: " + e.getMessage(), e);
            } catch (WireException e) {
                close();
                throw e;
            }
        }
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("EOF after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return b;
    }

    private void ensureOpen() throws TransportException {
        if (closed) {
            throw new TransportException(WireException.Kind.CLOSED, "session closed");
        }
    }

    /** Closes the socket (unblocking a pending receive) and wipes the transport keys. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(socket);
        synchronized (writeLock) {
            transport.close();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static void trySetKeepAliveIdle(Socket s) {
        try {
            s.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, (int) TCP_KEEPALIVE.toSeconds());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
            // platform without per-socket keep-alive tuning: the system default applies
        }
    }

    @Override
    public String toString() {
        return "WireSession[" + socket.getRemoteSocketAddress() + (closed ? ", closed]" : "]");
    }
}
