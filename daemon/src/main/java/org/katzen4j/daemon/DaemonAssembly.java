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

    /** What a channel (Pigeonhole) handler gets from the engine. */
    public record EngineParts(ClientConfig config, MessageSender sender, java.util.concurrent.Executor engineThread,
            ReplyRegistry registry, AppEvents events, SecureRandom random, Clock clock, EpochTime epochTime) {
    }

    /** Builds the channel handler; the default refuses channel requests ({@link ChannelRequests}). */
    @FunctionalInterface
    public interface ChannelHandlerFactory {
        ChannelHandler create(EngineParts parts) throws Exception;
    }

    /** Things the configuration file does not say. */
    public record Options(Optional<String> listenNetwork, Optional<String> listenAddress, EpochTime epochTime,
            ArqService.Timing arqTiming, Clock clock, SecureRandom random, int sendQueueCapacity,
            ChannelHandlerFactory channels) {

        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(),
                    EpochTime.fromEnvironment(System.getenv(), false), ArqService.Timing.REFERENCE,
                    Clock.systemUTC(), new SecureRandom(), 1000, p -> new ChannelRequests(p.events()));
        }

        public Options withListen(String network, String address) {
            return new Options(Optional.ofNullable(network), Optional.ofNullable(address), epochTime, arqTiming, clock,
                    random, sendQueueCapacity, channels);
        }

        public Options withEpochTime(EpochTime t) {
            return new Options(listenNetwork, listenAddress, t, arqTiming, clock, random, sendQueueCapacity, channels);
        }

        public Options withArqTiming(ArqService.Timing t) {
            return new Options(listenNetwork, listenAddress, epochTime, t, clock, random, sendQueueCapacity, channels);
        }

        public Options withChannels(ChannelHandlerFactory f) {
            return new Options(listenNetwork, listenAddress, epochTime, arqTiming, clock, random, sendQueueCapacity, f);
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
    private final GatewayService gateway;
    private final PkiWorker pki;
    private final SkewedClock skewedClock;
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
        MessageSender sender = new MessageSender(factory, () -> pkiRef[0].document(), gateway);
        arq = new ArqService(sender, registry, events, engine, rng, o.arqTiming());
        dispatcher = new ReplyDispatcher(sphinx, registry, arq, events);
        dispatcherRef[0] = dispatcher;
        boolean decoys = !cfg.debug().disableDecoyTraffic();
        sendScheduler = new SendScheduler(engine, rng, decoys, () -> sendLoopDecoy(sender, rng), o.sendQueueCapacity());
        sendRef[0] = sendScheduler;
        LegacyHandler legacy = new LegacyHandler(sender, registry, arq, events, engine, gateway::pollInterval);
        ChannelHandler channels;
        try {
            channels = o.channels().create(new EngineParts(cfg, sender, engine::execute, registry, events, rng,
                    o.clock(), o.epochTime()));
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
            sender.write(p);
        } catch (SendException e) {
            LOG.debug("loop decoy not sent: {}", e.getMessage());
        }
    }

    /** Builds the daemon, binds the thin-client listener and starts connecting. */
    public static DaemonAssembly start(ClientConfig cfg, Options o) throws StartException, IOException {
        DaemonAssembly d = new DaemonAssembly(cfg, o);
        String network = o.listenNetwork().orElse(cfg.listenNetwork());
        String address = o.listenAddress().orElse(cfg.listenAddress());
        d.listener = ThinListener.start(ListenerConfig.of(network, address), d.router, o.random(), false);
        d.pki.start();
        d.gateway.start();
        return d;
    }

    public ThinListener listener() {
        return listener;
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
        sendScheduler.stop();
        gateway.close();
        pki.close();
        engine.close();
        registry.clear();
        stopped.countDown();
        LOG.info("daemon stopped");
    }
}
