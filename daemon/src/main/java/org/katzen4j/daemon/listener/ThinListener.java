package org.katzen4j.daemon.listener;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's thin-client listener (TCP or UNIX socket). Each accepted connection is one app
 * with a fresh {@link AppId}. On connect an app receives {@code connection_status_event} and
 * then {@code new_pki_document_event}; while the daemon has no document yet both are held back
 * (and broadcasts suppressed for that app) so the Go thin client's Dial always reads the pair.
 * Bad input from one app closes only that app's connection.
 */
public final class ThinListener implements AutoCloseable, AppRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ThinListener.class);

    private final ListenerConfig config;
    private final Engine engine;
    private final SecureRandom rng;
    private final ServerSocketChannel server;
    private final Path socketFile;
    private final SocketAddress boundAddress;
    private final Map<AppId, AppConnection> conns = new ConcurrentHashMap<>();
    private final Object stateLock = new Object();
    private boolean connected;
    /**
     * The new_pki_document_event frame (length prefix included) for connecting apps, encoded once
     * per document and shared by every connection; null before the first document.
     */
    private byte[] connectDocumentFrame;
    private volatile boolean closing;
    private volatile long refused;
    private Thread acceptor;

    private ThinListener(ListenerConfig config, Engine engine, SecureRandom rng, Endpoints.Bound bound,
            boolean initiallyConnected) throws IOException {
        this.config = config;
        this.engine = engine;
        this.rng = rng;
        this.server = bound.channel();
        this.socketFile = bound.socketFile();
        this.boundAddress = server.getLocalAddress();
        this.connected = initiallyConnected;
    }

    /**
     * Binds and starts accepting. {@code initiallyConnected} is the status new apps are told
     * until the engine reports one (false: the reference's "connected before connecting" quirk
     * is not reproduced).
     */
    public static ThinListener start(ListenerConfig config, Engine engine, SecureRandom rng,
            boolean initiallyConnected) throws IOException {
        Endpoints.Bound bound = config.network().equals("unix")
                ? Endpoints.bindUnix(config.address(), config.unixSocketOwnerOnly())
                : Endpoints.bind(config.network(), config.address());
        ThinListener l = new ThinListener(config, engine, rng, bound, initiallyConnected);
        engine.bind(l);
        l.acceptor = Thread.ofPlatform().daemon().name("thin-acceptor").start(l::acceptLoop);
        LOG.info("thin-client listener on {} {}", config.network(),
                bound.socketFile() != null ? bound.socketFile() : l.boundAddress);
        return l;
    }

    public static ThinListener start(ListenerConfig config, Engine engine) throws IOException {
        return start(config, engine, new SecureRandom(), false);
    }

    /** The bound address (TCP with the real port, or the UNIX socket path). */
    public SocketAddress localAddress() {
        return socketFile != null ? java.net.UnixDomainSocketAddress.of(socketFile) : boundAddress;
    }

    /** {@code host:port} or the socket path, as a thinclient.toml Address. */
    public String addressString() {
        if (socketFile != null) {
            return socketFile.toString();
        }
        java.net.InetSocketAddress a = (java.net.InetSocketAddress) boundAddress;
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public int connectionCount() {
        return conns.size();
    }

    /** Connections closed at once because {@link ListenerConfig#maxApps()} apps were connected. */
    public long refusedConnections() {
        return refused;
    }

    /** Requests of {@code app} waiting for their first answer (0 for an unknown app). */
    public int pendingRequests(AppId app) {
        AppConnection c = conns.get(app);
        return c == null ? 0 : c.pendingCount();
    }

    /** Requests of {@code app} the listener refused because of the pending limit. */
    public long refusedRequests(AppId app) {
        AppConnection c = conns.get(app);
        return c == null ? 0 : c.refusedCount();
    }

    public List<AppId> apps() {
        return new ArrayList<>(conns.keySet());
    }

    ListenerConfig config() {
        return config;
    }

    Engine engine() {
        return engine;
    }

    private void acceptLoop() {
        while (!closing) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closing) {
                    break;
                }
                LOG.warn("thin-client accept failed: {}", e.getMessage());
                continue;
            }
            try {
                onAccept(ch);
            } catch (RuntimeException | IOException e) {
                LOG.error("thin-client: could not set up a new connection", e);
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private void onAccept(SocketChannel ch) throws IOException {
        SocketAddress remote = ch.getRemoteAddress();
        String peer = remote == null || remote.toString().isEmpty() ? "unix" : remote.toString();
        if (conns.size() >= config.maxApps()) {
            refused++;
            LOG.warn("thin-client: refusing a connection from {}: {} apps connected (limit maxApps = {})", peer,
                    conns.size(), config.maxApps());
            ch.close();
            return;
        }
        AppId app = AppId.random(rng);
        AppConnection c = new AppConnection(app, ch, peer, this, config.maxQueuedFrames());
        conns.put(app, c);
        LOG.info("thin app {} connected ({}), {} app(s)", app, peer, conns.size());
        engine.appConnected(app);
        synchronized (stateLock) {
            if (connectDocumentFrame != null) {
                c.sendInitial(statusFrame(connected), connectDocumentFrame);
            } else {
                LOG.info("thin app {}: no PKI document yet, holding the initial frames", app);
            }
        }
        c.start();
    }

    void connectionClosed(AppConnection c) {
        if (conns.remove(c.app, c)) {
            LOG.info("thin app {} disconnected, {} app(s) left", c.app, conns.size());
            try {
                engine.appDisconnected(c.app);
            } catch (RuntimeException e) {
                LOG.error("engine failed cleaning up app {}", c.app, e);
            }
        }
    }

    // ------------------------------------------------------------------ AppRouter

    @Override
    public boolean send(AppId app, ThinResponse response) {
        AppConnection c = conns.get(app);
        if (c == null) {
            LOG.debug("dropping {} for departed app {}", response.key(), app);
            return false;
        }
        return c.send(response);
    }

    @Override
    public void connectionStatus(boolean isConnected) {
        synchronized (stateLock) {
            connected = isConnected;
            byte[] frame = statusFrame(isConnected);
            for (AppConnection c : conns.values()) {
                c.broadcast(frame);
            }
        }
    }

    @Override
    public void pkiDocument(byte[] connectPayload, byte[] broadcastPayload) {
        synchronized (stateLock) {
            byte[] first = documentFrame(connectPayload);
            byte[] frame = java.util.Arrays.equals(connectPayload, broadcastPayload) ? first
                    : documentFrame(broadcastPayload);
            connectDocumentFrame = first;
            byte[] status = statusFrame(connected);
            for (AppConnection c : conns.values()) {
                if (c.isReady()) {
                    c.broadcast(frame);
                } else {
                    c.sendInitial(status, first);
                }
            }
        }
    }

    private static final byte[] STATUS_CONNECTED = new ThinResponse.ConnectionStatusEvent(true).encodeFrame();
    private static final byte[] STATUS_NOT_CONNECTED = new ThinResponse.ConnectionStatusEvent(false).encodeFrame();

    /** The connection_status_event frame (length prefix included); shared, never to be modified. */
    static byte[] statusFrame(boolean isConnected) {
        return isConnected ? STATUS_CONNECTED : STATUS_NOT_CONNECTED;
    }

    /**
     * The new_pki_document_event frame (length prefix included) for {@code payload}: the same
     * bytes as encoding the event for each app, built once and written to every app.
     */
    static byte[] documentFrame(byte[] payload) {
        return new ThinResponse.NewPkiDocumentEvent(Blob.of(payload)).encodeFrame();
    }

    /** Stops accepting, sends the shutdown event (if configured) and closes every app. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing server socket: {}", e.getMessage());
        }
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException e) {
                LOG.warn("could not remove socket file {}: {}", socketFile, e.getMessage());
            }
        }
        ThinResponse last = config.sendShutdownEvent() ? new ThinResponse.ShutdownEvent() : null;
        List<Thread> closers = new ArrayList<>();
        for (AppConnection c : conns.values()) {
            closers.add(Thread.ofVirtual().start(
                    () -> c.closeAfter(last, config.shutdownFlushTimeout().toMillis())));
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (acceptor != null) {
            try {
                acceptor.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("thin-client listener closed");
    }
}
