package org.katzen4j.daemon;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.katzen4j.config.ClientConfig;
import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.KemScheme;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.daemon.engine.AppEvents;
import org.katzen4j.daemon.engine.ArqService;
import org.katzen4j.daemon.engine.ChannelHandler;
import org.katzen4j.daemon.engine.ChannelRequests;
import org.katzen4j.daemon.engine.ExecutorScheduler;
import org.katzen4j.daemon.engine.GatewayLink;
import org.katzen4j.daemon.engine.GatewayService;
import org.katzen4j.daemon.engine.LegacyHandler;
import org.katzen4j.daemon.engine.MessageSender;
import org.katzen4j.daemon.engine.PacketFactory;
import org.katzen4j.daemon.engine.PkiWorker;
import org.katzen4j.daemon.engine.ReplyDispatcher;
import org.katzen4j.daemon.engine.ReplyRegistry;
import org.katzen4j.daemon.engine.RequestRouter;
import org.katzen4j.daemon.engine.SendException;
import org.katzen4j.daemon.engine.SendScheduler;
import org.katzen4j.daemon.engine.SkewedClock;
import org.katzen4j.daemon.listener.ListenerConfig;
import org.katzen4j.daemon.listener.ThinListener;
import org.katzen4j.daemon.metrics.MetricsRegistry;
import org.katzen4j.daemon.metrics.MetricsServer;
import org.katzen4j.pki.Authority;
import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.PkiException;
import org.katzen4j.pki.ServiceAddress;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.wire.GatewayClient;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.WireSession;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kpclientd wired in one place: which service owns what, and who tells whom.
 *
 * <pre>
 * ThinListener ──requests──▶ RequestRouter ──▶ SendScheduler (Poisson, LambdaP) ──▶ LegacyHandler / ArqService
 *                                          └──▶ ChannelRequests (not yet: error replies)
 * LegacyHandler, ArqService, loop decoys ──▶ MessageSender ──▶ PacketFactory (sphinx) + GatewayService (wire)
 * GatewayService ──MessageACK──▶ ReplyDispatcher ──▶ ReplyRegistry (SURB id → sealed entry) ──▶ apps / ArqService
 * GatewayService ──ConsensusSource──▶ PkiWorker (DocumentCache) ──new document──▶ apps, rates, poll interval
 * </pre>
 *
 * Engine state changes run on one engine thread ({@link ExecutorScheduler}); the gateway
 * connection and the PKI worker have their own threads; the listener has one per app.
 */
public final class DaemonAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonAssembly.class);

    /**
     * What a channel (Pigeonhole) handler gets from the engine.
     *
     * @param maxChannelsPerApp channels one app may hold ({@code [Listener] MaxChannelsPerApp}); the channel
     *        service passes it to {@code new ChannelTable<>(rng, ownership, maxChannelsPerApp)}
     */
    public record EngineParts(ClientConfig config, MessageSender sender, java.util.concurrent.Executor engineThread,
            ReplyRegistry registry, AppEvents events, SecureRandom random, Clock clock, EpochTime epochTime,
            int maxChannelsPerApp, SendScheduler sendScheduler) {
    }

    /** Builds the channel handler; the default refuses channel requests ({@link ChannelRequests}). */
    @FunctionalInterface
    public interface ChannelHandlerFactory {
        ChannelHandler create(EngineParts parts) throws Exception;
    }

    /**
     * Things the configuration file does not say, and command-line overrides of what it says.
     *
     * @param sendQueueCapacity queued legacy sends of all apps together (the Poisson send queue)
     * @param sendQueuePerApp queued legacy sends one app may hold (the rest of its sends get "send queue full")
     * @param metricsAddress when present, serve metrics there whatever {@code [Metrics]} says
     * @param metricsAllowNonLoopback allow a non-loopback metrics address (besides {@code [Metrics] AllowNonLoopback})
     */
    public record Options(Optional<String> listenNetwork, Optional<String> listenAddress, EpochTime epochTime,
            ArqService.Timing arqTiming, Clock clock, SecureRandom random, int sendQueueCapacity, int sendQueuePerApp,
            ChannelHandlerFactory channels, Optional<String> metricsAddress, boolean metricsAllowNonLoopback) {

        public static final int DEFAULT_SEND_QUEUE = 1000;
        public static final int DEFAULT_SEND_QUEUE_PER_APP = 256;

        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(),
                    EpochTime.fromEnvironment(System.getenv(), false), ArqService.Timing.REFERENCE,
                    Clock.systemUTC(), new SecureRandom(), DEFAULT_SEND_QUEUE, DEFAULT_SEND_QUEUE_PER_APP,
                    p -> new ChannelRequests(p.events()), Optional.empty(), false);
        }

        public Options withListen(String network, String address) {
            return new Options(Optional.ofNullable(network), Optional.ofNullable(address), epochTime, arqTiming, clock,
                    random, sendQueueCapacity, sendQueuePerApp, channels, metricsAddress, metricsAllowNonLoopback);
        }

        public Options withEpochTime(EpochTime t) {
            return new Options(listenNetwork, listenAddress, t, arqTiming, clock, random, sendQueueCapacity,
                    sendQueuePerApp, channels, metricsAddress, metricsAllowNonLoopback);
        }

        public Options withArqTiming(ArqService.Timing t) {
            return new Options(listenNetwork, listenAddress, epochTime, t, clock, random, sendQueueCapacity,
                    sendQueuePerApp, channels, metricsAddress, metricsAllowNonLoopback);
        }

        public Options withChannels(ChannelHandlerFactory f) {
            return new Options(listenNetwork, listenAddress, epochTime, arqTiming, clock, random, sendQueueCapacity,
                    sendQueuePerApp, f, metricsAddress, metricsAllowNonLoopback);
        }

        public Options withSendQueue(int capacity, int perApp) {
            return new Options(listenNetwork, listenAddress, epochTime, arqTiming, clock, random, capacity, perApp,
                    channels, metricsAddress, metricsAllowNonLoopback);
        }

        /** Serves metrics on {@code address} ({@code host:port}), enabled whatever the configuration says. */
        public Options withMetrics(String address, boolean allowNonLoopback) {
            return new Options(listenNetwork, listenAddress, epochTime, arqTiming, clock, random, sendQueueCapacity,
                    sendQueuePerApp, channels, Optional.of(address), allowNonLoopback);
        }
    }

    /** The daemon could not be assembled from this configuration. */
    public static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ExecutorScheduler engine;
    private final AppEvents events = new AppEvents();
    private final ReplyRegistry registry;
    private final SendScheduler sendScheduler;
    private final ArqService arq;
    private final ReplyDispatcher dispatcher;
    private final RequestRouter router;
    private final ChannelHandler channels;
    private final GatewayService gateway;
    private final PkiWorker pki;
    private final SkewedClock skewedClock;
    private final MessageSender sender;
    private final ListenerConfig listenerConfig;
    private final MetricsRegistry metrics = new MetricsRegistry();
    private MetricsServer metricsServer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile PkiException fatal;
    private ThinListener listener;

    /** The directory authorities of the config, with the reference's majority threshold. */
    static AuthoritySet authorities(ClientConfig cfg) throws PkiException {
        List<Authority> auths = new ArrayList<>();
        for (ClientConfig.Authority a : cfg.votingAuthorities()) {
            auths.add(Authority.of(a.identifier(), a.pkiSignatureScheme(), a.identityPublicKey()));
        }
        return AuthoritySet.of(auths);
    }

    /** Dials gateways with the config's wire KEM, commands padded to its Sphinx geometry. */
    static GatewayConnector connector(ClientConfig cfg, KemScheme wireKem, SecureRandom rng) {
        WireSession.Config wireCfg = WireSession.Config.defaults(NoiseKem.of(wireKem, rng),
                CommandCodec.padded(CommandGeometry.of(cfg.sphinxGeometry())));
        return new GatewayConnector(wireKem, wireCfg, rng);
    }

    static List<GatewayConnector.Gateway> pinnedGateways(ClientConfig cfg) {
        List<GatewayConnector.Gateway> pinned = new ArrayList<>();
        for (ClientConfig.Gateway g : cfg.pinnedGateways()) {
            pinned.add(new GatewayConnector.Gateway(g.name(), g.identityKey(), g.linkKey(), g.addresses()));
        }
        return pinned;
    }

    private DaemonAssembly(ClientConfig cfg, Options o) throws StartException {
        SecureRandom rng = o.random();
        Sphinx sphinx;
        AuthoritySet authorities;
        KemScheme wireKem;
        try {
            sphinx = Sphinx.forGeometry(cfg.sphinxGeometry());
            authorities = authorities(cfg);
            wireKem = Schemes.kem(cfg.wireKemScheme());
        } catch (SphinxException | PkiException | CryptoException e) {
            throw new StartException(e.getMessage(), e);
        }
        boolean timeSync = cfg.debug().enableTimeSync();
        skewedClock = new SkewedClock(o.clock());
        engine = new ExecutorScheduler(o.clock(), "engine");
        registry = new ReplyRegistry(engine);

        GatewayConnector connector = connector(cfg, wireKem, rng);
        List<GatewayConnector.Gateway> pinned = pinnedGateways(cfg);
        PkiWorker[] pkiRef = new PkiWorker[1];
        ReplyDispatcher[] dispatcherRef = new ReplyDispatcher[1];
        SendScheduler[] sendRef = new SendScheduler[1];
        gateway = new GatewayService(connector::connect, () -> pkiRef[0].document(), pinned, cfg.transports(), rng,
                new GatewayService.Callbacks() {
                    @Override
                    public void onConnected(GatewayLink.Session session, long skew) {
                        if (timeSync) {
                            skewedClock.setSkewSeconds(skew);
                        }
                        events.connectionStatus(true);
                        sendRef[0].setConnected(true);
                        pkiRef[0].wake();
                    }

                    @Override
                    public void onDisconnected(String reason) {
                        events.connectionStatus(false);
                        sendRef[0].setConnected(false);
                    }

                    @Override
                    public void onSurbReply(byte[] surbId, byte[] payload) {
                        engine.execute(() -> dispatcherRef[0].onSurbReply(surbId, payload));
                    }
                }, GatewayClient.DEFAULT_FIRST_POLL);

        PacketFactory factory = new PacketFactory(sphinx, rng, skewedClock, o.epochTime().period());
        sender = new MessageSender(factory, () -> pkiRef[0].document(), gateway);
        arq = new ArqService(sender, registry, events, engine, rng, o.arqTiming());
        dispatcher = new ReplyDispatcher(sphinx, registry, arq, events);
        dispatcherRef[0] = dispatcher;
        boolean decoys = !cfg.debug().disableDecoyTraffic();
        sendScheduler = new SendScheduler(engine, rng, decoys, () -> sendLoopDecoy(sender, rng), o.sendQueueCapacity(),
                o.sendQueuePerApp());
        sendRef[0] = sendScheduler;
        LegacyHandler legacy = new LegacyHandler(sender, registry, arq, events, engine, gateway::pollInterval);
        listenerConfig = listenerConfig(cfg, o);
        try {
            channels = o.channels().create(new EngineParts(cfg, sender, engine::execute, registry, events, rng,
                    o.clock(), o.epochTime(), listenerConfig.maxChannelsPerApp(), sendScheduler));
        } catch (Exception e) {
            engine.close();
            throw new StartException("channel service: " + e.getMessage(), e);
        }
        router = new RequestRouter(events, sendScheduler, legacy, channels, registry, arq, engine);

        List<Consumer<Document>> onDocument = List.of(doc -> {
            LOG.info("epoch {}: LambdaP {} (max delay {} ms), LambdaL {}, Mu {} (max delay {} ms)", doc.epoch(),
                    doc.body().lambdaP(), doc.body().lambdaPMaxDelay(), doc.body().lambdaL(), doc.body().mu(),
                    doc.body().muMaxDelay());
            sendScheduler.setRates(doc.body().lambdaP(), doc.body().lambdaPMaxDelay());
            double sum = doc.body().lambdaP() + doc.body().lambdaL();
            if (sum > 0) {
                gateway.setPollInterval(Duration.ofMillis((long) (0.8 / sum)));
            }
        });
        pki = new PkiWorker(authorities, new EpochClock(o.epochTime(), skewedClock), cfg.sphinxGeometry(), gateway,
                events, onDocument, e -> {
                    fatal = e;
                    stopped.countDown();
                });
        pkiRef[0] = pki;
        LOG.info("decoy traffic {}; epoch period {}", decoys ? "on" : "off", o.epochTime().period());
        registerMetrics();
    }

    /** The listener settings: {@code ListenNetwork}/{@code ListenAddress} (or overrides) and the {@code [Listener]} limits. */
    public static ListenerConfig listenerConfig(ClientConfig cfg, Options o) {
        String network = o.listenNetwork().orElse(cfg.listenNetwork());
        String address = o.listenAddress().orElse(cfg.listenAddress());
        ClientConfig.ListenerLimits l = cfg.listenerLimits();
        ListenerConfig lc = ListenerConfig.of(network, address);
        if (l.maxFrameSize().isPresent()) {
            lc = lc.withMaxFrameSize(l.maxFrameSize().get());
        }
        if (l.maxApps().isPresent()) {
            lc = lc.withMaxApps(l.maxApps().get());
        }
        if (l.maxPendingRequestsPerApp().isPresent()) {
            lc = lc.withMaxPendingPerApp(l.maxPendingRequestsPerApp().get());
        }
        if (l.maxChannelsPerApp().isPresent()) {
            lc = lc.withMaxChannelsPerApp(l.maxChannelsPerApp().get());
        }
        if (l.maxQueuedFramesPerApp().isPresent()) {
            lc = lc.withMaxQueuedFrames(l.maxQueuedFramesPerApp().get());
        }
        if (l.unixSocketOwnerOnly().isPresent()) {
            lc = lc.withUnixSocketOwnerOnly(l.unixSocketOwnerOnly().get());
        }
        return lc;
    }

    /** Aggregate counters and gauges only: no app ids, message ids, keys or addresses. */
    private void registerMetrics() {
        metrics.counter("katzen4j_packets_sent_total",
                "Sphinx packets carrying app messages (legacy, ARQ attempts, channel queries) written to the gateway",
                sender::packetsSent);
        metrics.add("katzen4j_decoy_packets_sent_total", "Decoy packets written to the gateway, by kind",
                MetricsRegistry.Type.COUNTER, java.util.Map.of("kind", "loop"), sender::decoysSent);
        metrics.counter("katzen4j_packets_received_total",
                "Packets the gateway delivered (SURB replies, including decoy replies, and messages)",
                gateway::packetsReceived);
        metrics.counter("katzen4j_replies_delivered_total",
                "SURB replies decrypted and delivered to an app or the channel service", dispatcher::delivered);
        metrics.counter("katzen4j_decoy_replies_received_total", "Loop decoy replies received and discarded",
                dispatcher::decoyReplies);
        metrics.counter("katzen4j_replies_unknown_total", "SURB replies for unknown or expired SURB ids",
                dispatcher::unknown);
        metrics.counter("katzen4j_arq_retransmissions_total", "ARQ retransmissions", arq::retransmissions);
        metrics.counter("katzen4j_arq_give_ups_total",
                "ARQ messages given up after the last retransmission (error_code 5)", arq::giveUps);
        metrics.gauge("katzen4j_arq_in_flight", "ARQ messages waiting for their reply", arq::inFlight);
        metrics.counter("katzen4j_send_requests_total", "send_message and send_arq_message requests received",
                router::sendRequests);
        metrics.counter("katzen4j_channel_requests_total", "Pigeonhole channel requests received",
                router::channelRequests);
        metrics.gauge("katzen4j_send_queue_length", "Sends waiting for a Poisson tick", sendScheduler::queued);
        metrics.counter("katzen4j_send_queue_dropped_total", "Queued sends discarded because their app disconnected",
                sendScheduler::droppedJobs);
        metrics.counter("katzen4j_poisson_ticks_total", "Ticks of the LambdaP send process", sendScheduler::ticks);
        metrics.gauge("katzen4j_connected_apps", "Thin-client applications connected", () -> {
            ThinListener l = listener;
            return l == null ? 0 : l.connectionCount();
        });
        metrics.counter("katzen4j_refused_connections_total", "App connections refused at the MaxApps limit", () -> {
            ThinListener l = listener;
            return l == null ? 0 : l.refusedConnections();
        });
        metrics.gauge("katzen4j_pending_requests", "App requests waiting for their first answer, all apps", () -> {
            ThinListener l = listener;
            if (l == null) {
                return 0;
            }
            long n = 0;
            for (var app : l.apps()) {
                n += l.pendingRequests(app);
            }
            return n;
        });
        metrics.gauge("katzen4j_pki_epoch", "Epoch of the current PKI document (0: none yet)",
                () -> pki.cache().current().map(Document::epoch).orElse(0L));
        metrics.gauge("katzen4j_gateway_connected", "1 while a gateway session is up, else 0",
                () -> gateway.connected() ? 1 : 0);
        metrics.counter("katzen4j_gateway_sessions_total", "Gateway sessions established", gateway::sessions);
    }

    private void sendLoopDecoy(MessageSender sender, SecureRandom rng) {
        Optional<ServiceAddress> echo = sender.randomService("echo", rng);
        if (echo.isEmpty()) {
            LOG.debug("loop decoy skipped: no echo service in the document");
            return;
        }
        SurbId id = SurbId.random(rng);
        try {
            byte[] zeros = new byte[sender.factory().sphinx().geometry().userForwardPayloadLength()];
            MessageSender.Prepared p = sender.prepare(echo.get().nodeIdHash(), echo.get().recipient(), zeros,
                    Optional.of(id));
            Duration ttl = Duration.ofMillis(p.rttMillis()).plus(gateway.pollInterval()).plusSeconds(1);
            registry.put(id, new ReplyRegistry.LoopDecoy(p.keys().orElseThrow()), Optional.of(ttl));
            sender.writeDecoy(p);
        } catch (SendException e) {
            LOG.debug("loop decoy not sent: {}", e.getMessage());
        }
    }

    /** Builds the daemon, binds the thin-client listener and starts connecting. */
    public static DaemonAssembly start(ClientConfig cfg, Options o) throws StartException, IOException {
        boolean metricsOn = o.metricsAddress().isPresent() || cfg.metrics().enable();
        String metricsAddr = o.metricsAddress().orElse(cfg.metrics().address());
        boolean metricsAnyHost = o.metricsAllowNonLoopback() || cfg.metrics().allowNonLoopback();
        if (metricsOn) {
            try {
                MetricsServer.check(metricsAddr, metricsAnyHost); // refuse before building anything
            } catch (MetricsServer.MetricsException e) {
                throw new StartException("metrics: " + e.getMessage(), e);
            }
        }
        DaemonAssembly d = new DaemonAssembly(cfg, o);
        if (metricsOn) {
            try {
                d.metricsServer = MetricsServer.start(metricsAddr, metricsAnyHost, d.metrics);
            } catch (IOException e) {
                d.close();
                throw new StartException("metrics: " + e.getMessage(), e);
            }
        }
        try {
            d.listener = ThinListener.start(d.listenerConfig, d.router, o.random(), false);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        d.pki.start();
        d.gateway.start();
        return d;
    }

    public ThinListener listener() {
        return listener;
    }

    /** The listener settings in use (limits from {@code [Listener]}). */
    public ListenerConfig listenerConfig() {
        return listenerConfig;
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** The metrics endpoint, when enabled. */
    public Optional<MetricsServer> metricsServer() {
        return Optional.ofNullable(metricsServer);
    }

    public MessageSender sender() {
        return sender;
    }

    public GatewayService gateway() {
        return gateway;
    }

    public ReplyDispatcher replies() {
        return dispatcher;
    }

    public SendScheduler sendScheduler() {
        return sendScheduler;
    }

    public ArqService arq() {
        return arq;
    }

    public boolean connected() {
        return gateway.connected();
    }

    public Optional<Document> document() {
        return pki.document();
    }

    /** Blocks until {@link #close()} or a fatal PKI error; returns that error, if any. */
    public Optional<PkiException> awaitStop() throws InterruptedException {
        stopped.await();
        return Optional.ofNullable(fatal);
    }

    /** Stops accepting, tells every app (shutdown event), closes the gateway session and the workers. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        sendScheduler.stop();
        channels.close();
        gateway.close();
        pki.close();
        engine.close();
        registry.clear();
        stopped.countDown();
        LOG.info("daemon stopped");
    }
}
