package org.katzen4j.daemon.engine;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.katzen4j.crypto.KeyHash;
import org.katzen4j.pki.ConsensusSource;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.PkiException;
import org.katzen4j.wire.ConsensusReply;
import org.katzen4j.wire.GatewayClient;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.ReconnectBackoff;
import org.katzen4j.wire.WireException;
import org.katzen4j.wire.commands.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway connection: on its own thread, picks a gateway (uniformly from the current PKI
 * document's gateways, or from the pinned gateways before there is a document), dials it with a
 * fresh link key and queue id (reference backoff: 0, then +15 s up to 2 min, back to 2 s once the
 * gateway has answered), runs the session (polling for messages, SURB replies handed to the reply
 * path, consensus fetches for the PKI worker) until it ends, reports the status, and starts over.
 * Implements {@link GatewayLink} for the send path and {@link ConsensusSource} for the PKI worker.
 */
public final class GatewayService implements GatewayLink, ConsensusSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    /** What the rest of the daemon hears from the connection. Called on wire threads. */
    public interface Callbacks {
        void onConnected(Session session, long clockSkewSeconds);

        void onDisconnected(String reason);

        void onSurbReply(byte[] surbId, byte[] payload);
    }

    /** Dials one gateway (GatewayConnector::connect in the daemon). */
    @FunctionalInterface
    public interface Dialer {
        GatewayConnector.Connection dial(GatewayConnector.Gateway gateway, ReconnectBackoff backoff)
                throws WireException, InterruptedException;
    }

    private record Current(Session session, GatewayClient client) {
    }

    private final Dialer dialer;
    private final Supplier<Optional<Document>> documents;
    private final List<GatewayConnector.Gateway> pinned;
    private final List<String> transports;
    private final SecureRandom rng;
    private final Callbacks callbacks;
    private final Duration firstPoll;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private final AtomicLong serials = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Current current;
    private volatile Duration pollInterval = Duration.ZERO;
    private volatile boolean running;
    private Thread thread;

    public GatewayService(Dialer dialer, Supplier<Optional<Document>> documents, List<GatewayConnector.Gateway> pinned,
            List<String> transports, SecureRandom rng, Callbacks callbacks, Duration firstPoll) {
        this.dialer = dialer;
        this.documents = documents;
        this.pinned = List.copyOf(pinned);
        this.transports = List.copyOf(transports);
        this.rng = rng;
        this.callbacks = callbacks;
        this.firstPoll = firstPoll;
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("gateway-connection").start(this::loop);
    }

    /** kpclientd: {@code 0.8 / (LambdaP + LambdaL)} ms, from each new document. */
    public void setPollInterval(Duration d) {
        pollInterval = d;
        Current c = current;
        if (c != null) {
            c.client().setPollInterval(d);
        }
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public Optional<Session> session() {
        Current c = current;
        return c == null ? Optional.empty() : Optional.of(c.session());
    }

    public boolean connected() {
        return current != null;
    }

    /** Packets the gateway delivered so far (SURB replies and messages). */
    public long packetsReceived() {
        return received.get();
    }

    /** Gateway sessions established so far. */
    public long sessions() {
        return serials.get();
    }

    @Override
    public void sendPacket(Session session, byte[] packet) throws SendException {
        Current c = current;
        if (c == null || !c.session().equals(session)) {
            throw new SendException("not connected", true);
        }
        try {
            c.client().sendPacket(packet);
        } catch (WireException e) {
            throw new SendException("not connected: " + e.getMessage(), true, e);
        }
    }

    @Override
    public byte[] fetchConsensus(long epoch) throws PkiException, InterruptedException {
        Current c = current;
        if (c == null) {
            throw new PkiException(PkiException.Kind.UNAVAILABLE, "not connected to a gateway");
        }
        ConsensusReply r;
        try {
            r = c.client().fetchConsensus(epoch);
        } catch (WireException e) {
            throw new PkiException(PkiException.Kind.UNAVAILABLE, "consensus fetch: " + e.getMessage(), e);
        }
        return switch (r.status()) {
            case FOUND -> r.certificate();
            case NOT_FOUND -> throw new PkiException(PkiException.Kind.NOT_FOUND, "gateway has no document for epoch "
                    + epoch + " yet");
            case GONE -> throw new PkiException(PkiException.Kind.GONE, "gateway: no document for epoch " + epoch);
        };
    }

    /** The gateway to dial next. */
    Optional<GatewayConnector.Gateway> chooseGateway() {
        Optional<Document> doc = documents.get();
        if (doc.isPresent()) {
            Optional<MixDescriptor> d = doc.get().chooseGateway(rng);
            if (d.isPresent() && d.get().identityKey() != null && d.get().linkKey() != null) {
                return Optional.of(fromDescriptor(d.get(), transports));
            }
        }
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pinned.get(rng.nextInt(pinned.size())));
    }

    static GatewayConnector.Gateway fromDescriptor(MixDescriptor d, List<String> transports) {
        List<String> urls = new ArrayList<>();
        Map<String, List<String>> addrs = d.addresses() == null ? Map.of() : d.addresses();
        for (String t : transports) {
            urls.addAll(addrs.getOrDefault(t, List.of()));
        }
        return new GatewayConnector.Gateway(d.name(), d.identityKey(), d.linkKey(), urls);
    }

    private void loop() {
        while (running) {
            Optional<GatewayConnector.Gateway> gw = chooseGateway();
            if (gw.isEmpty()) {
                LOG.error("no gateway to connect to (no PKI document and no pinned gateways)");
                if (!pause(Duration.ofSeconds(5))) {
                    return;
                }
                continue;
            }
            GatewayConnector.Connection conn;
            try {
                Duration wait;
                synchronized (backoff) {
                    wait = backoff.nextDelay();
                }
                if (!wait.isZero() && !pause(wait)) {
                    return;
                }
                LOG.info("connecting to gateway {}", gw.get().name());
                conn = dialer.dial(gw.get(), null);
            } catch (InterruptedException e) {
                return;
            } catch (WireException e) {
                LOG.warn("gateway {}: {}", gw.get().name(), e.getMessage());
                callbacks.onDisconnected(e.getMessage());
                continue;
            }
            runSession(gw.get(), conn);
        }
    }

    private void runSession(GatewayConnector.Gateway gw, GatewayConnector.Connection conn) {
        CountDownLatch ended = new CountDownLatch(1);
        String[] why = {"closed"};
        GatewayClient client = new GatewayClient(conn.session(), new GatewayClient.Listener() {
            @Override
            public void onSurbReply(byte[] surbId, byte[] payload) {
                heard();
                received.incrementAndGet();
                callbacks.onSurbReply(surbId, payload);
            }

            @Override
            public void onMessage(Message message) {
                heard();
                received.incrementAndGet();
            }

            @Override
            public void onQueueEmpty() {
                heard();
            }

            @Override
            public void onClosed(WireException cause) {
                why[0] = cause == null ? "closed locally" : cause.getMessage();
                ended.countDown();
            }
        }, firstPoll, pollInterval, GatewayClient.DEFAULT_CONSENSUS_TIMEOUT);
        Session s = new Session(serials.incrementAndGet(), KeyHash.of(gw.identityKey()), conn.queueId());
        current = new Current(s, client);
        client.start();
        LOG.info("connected to gateway {} at {} (clock skew {} s)", gw.name(), conn.address(),
                conn.session().clockSkewSeconds());
        callbacks.onConnected(s, conn.session().clockSkewSeconds());
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
        client.close();
        LOG.warn("gateway {} session ended: {}", gw.name(), why[0]);
        callbacks.onDisconnected(why[0]);
    }

    private void heard() {
        synchronized (backoff) {
            backoff.onCommandReceived();
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        Current c = current;
        if (c != null) {
            c.client().close();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
