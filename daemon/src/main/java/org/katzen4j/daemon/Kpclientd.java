package org.katzen4j.daemon;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.katzen4j.config.ClientConfig;
import org.katzen4j.config.ConfigReport;
import org.katzen4j.config.LoadOptions;
import org.katzen4j.pki.PkiException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code kpclientd} command line: {@code -c/--config FILE} as the reference, plus
 * {@code --check-config FILE} and listen-address overrides. Logging (slf4j-simple) is set up from
 * the configuration's {@code [Logging]} before the first logger is created.
 */
@Command(name = "kpclientd", mixinStandardHelpOptions = true, versionProvider = Kpclientd.Version.class,
        description = {"katzen4j Katzenpost client daemon (compatible with kpclientd v0.0.71).",
            "Keeps the gateway connection and the PKI document, composes Sphinx packets, handles SURB replies,",
            "retransmissions and decoy traffic, and serves thin-client applications."},
        footer = {"", "Examples:", "  kpclientd -c /etc/katzenpost/client.toml", "  kpclientd --check-config client.toml",
            "  kpclientd -c client.toml --metrics-address 127.0.0.1:9464"})
public final class Kpclientd implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "path to the client configuration file (TOML format)")
    Path config;

    @Option(names = "--check-config", paramLabel = "FILE",
            description = "validate FILE (errors name file, line and key) and exit")
    Path checkConfig;

    @Option(names = "--strict", description = "reject unknown configuration keys (the reference ignores them)")
    boolean strict;

    @Option(names = "--show-consensus",
            description = "dial a pinned gateway, fetch and verify the current consensus, print its topology and services, and exit")
    boolean showConsensus;

    @Option(names = "--channel-ownership",
            description = "an app may only use the Pigeonhole channel ids it created (the reference lets any app use any live id)")
    boolean channelOwnership;

    @Option(names = "--listen-network", paramLabel = "NET",
            description = "override ListenNetwork (tcp, tcp4, tcp6, unix)")
    String listenNetwork;

    @Option(names = "--listen-address", paramLabel = "ADDR",
            description = "override ListenAddress (host:port or a socket path)")
    String listenAddress;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics on http://HOST:PORT/metrics (loopback only; overrides [Metrics])")
    String metricsAddress;

    @Option(names = "--metrics-allow-non-loopback",
            description = "allow a metrics address that is not a loopback address (logged at WARN)")
    boolean metricsAllowNonLoopback;

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Kpclientd.class.getPackage().getImplementationVersion();
            return new String[] {"kpclientd (katzen4j) " + (v == null ? "development" : v),
                "thin-client protocol and wire compatible with Katzenpost v0.0.71"};
        }
    }

    public static void main(String[] args) {
        Kpclientd plain = plainRun(args);
        int rc = plain != null ? plain.callReportingFailure() : new CommandLine(new Kpclientd()).execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
        // a clean shutdown lets the JVM end on its own
    }

    /**
     * The plain daemon start, {@code -c FILE} with any of the value options and flags below (each at
     * most once, as {@code --name value} or {@code --name=value}), parsed without picocli: building
     * picocli's reflective command model took about 0.3 s of a 1.5 s cold start (bench/notes.md,
     * "Whole-daemon figures"). Everything else (help, version, --check-config, --show-consensus,
     * unknown, repeated or attached options, values that look like options) gives null and goes
     * through picocli exactly as before, which also produces every usage error.
     */
    static Kpclientd plainRun(String[] args) {
        Kpclientd k = new Kpclientd();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("-c")) {
                name = "--config";
            }
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "--strict", "--channel-ownership", "--metrics-allow-non-loopback" -> {
                    if (value != null) {
                        return null;
                    }
                    switch (name) {
                        case "--strict" -> k.strict = true;
                        case "--channel-ownership" -> k.channelOwnership = true;
                        default -> k.metricsAllowNonLoopback = true;
                    }
                }
                case "--config", "--listen-network", "--listen-address", "--metrics-address" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty() || value.startsWith("-")) {
                        return null;
                    }
                    switch (name) {
                        case "--config" -> {
                            try {
                                k.config = Path.of(value);
                            } catch (java.nio.file.InvalidPathException e) {
                                return null;
                            }
                        }
                        case "--listen-network" -> k.listenNetwork = value;
                        case "--listen-address" -> k.listenAddress = value;
                        default -> k.metricsAddress = value;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return k.config == null ? null : k;
    }

    /**
     * Cold start: while the main thread parses the configuration and assembles the daemon, a
     * background thread runs the crypto the first gateway handshake and document check need (one
     * X-Wing key pair, encapsulation and decapsulation, one Ed25519 signature and verification,
     * the SecureRandom seeding), so their classes are loaded and initialised and the first
     * connection does not pay for it (bench/notes.md, "Whole-daemon figures"). The schemes are the
     * genconfig defaults; with others this only costs a little CPU. Never fails the start.
     */
    private static void startWarmUp() {
        Thread.ofPlatform().daemon().name("startup-warm-up").start(() -> {
            try {
                java.security.SecureRandom rng = new java.security.SecureRandom();
                org.katzen4j.crypto.KemScheme kem = org.katzen4j.crypto.Schemes.kem("xwing");
                try (org.katzen4j.crypto.KemPrivateKey k = kem.generate(rng);
                        org.katzen4j.crypto.KemEncapsulation e = kem.encapsulate(k.publicKey(), rng)) {
                    java.util.Arrays.fill(kem.decapsulate(k, e.ciphertext()), (byte) 0);
                }
                org.katzen4j.crypto.SignatureScheme sig = org.katzen4j.crypto.Schemes.signature("Ed25519");
                try (org.katzen4j.crypto.SignaturePrivateKey k = sig.generate(rng)) {
                    byte[] m = new byte[32];
                    sig.verify(k.publicKey(), m, sig.sign(k, m));
                }
            } catch (Exception | LinkageError e) {
                // only a head start; the daemon does the same work when it needs it
            }
        });
    }

    /** {@link #call()} with picocli's handling of an exception escaping it: stack trace, exit code 1. */
    int callReportingFailure() {
        try {
            return call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(System.err, true);
        LoadOptions lo = strict ? LoadOptions.STRICT : LoadOptions.DEFAULT;
        if (checkConfig != null) {
            ConfigReport<ClientConfig> r = ClientConfig.check(checkConfig, lo);
            r.lines().forEach(System.out::println);
            System.out.println(r.ok() ? checkConfig + ": OK" : checkConfig + ": " + r.errors().size() + " error(s)");
            if (r.ok()) {
                effectiveSettings(r.config().orElseThrow()).forEach(System.out::println);
            }
            return r.ok() ? 0 : 1;
        }
        if (config == null) {
            err.println("kpclientd: missing required option --config (see --help)");
            return 2;
        }
        startWarmUp();
        if (!Files.isRegularFile(config)) {
            err.println("kpclientd: " + config + ": no such file");
            return 1;
        }
        ConfigReport<ClientConfig> r = ClientConfig.check(config, lo);
        if (!r.ok()) {
            err.println("kpclientd: bad configuration: " + r.errors().get(0)
                    + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : ""));
            return 1;
        }
        ClientConfig cfg = r.config().orElseThrow();
        setUpLogging(cfg.logging());
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Kpclientd.class);
        r.warnings().forEach(w -> log.warn("config: {}", w));
        if (showConsensus) {
            return showConsensus(cfg, err);
        }
        DaemonAssembly.Options o = DaemonAssembly.Options.defaults()
                .withChannels(new org.katzen4j.daemon.channel.PigeonholeChannels(channelOwnership));
        if (listenNetwork != null || listenAddress != null) {
            o = o.withListen(listenNetwork, listenAddress);
        }
        if (metricsAddress != null) {
            o = o.withMetrics(metricsAddress, metricsAllowNonLoopback);
        } else if (metricsAllowNonLoopback) {
            o = o.withMetrics(cfg.metrics().address(), true);
        }
        DaemonAssembly daemon;
        try {
            daemon = DaemonAssembly.start(cfg, o);
        } catch (DaemonAssembly.StartException | java.io.IOException e) {
            err.println("kpclientd: cannot start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            log.info("shutting down");
            daemon.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("kpclientd started; thin clients connect to {} {}", o.listenNetwork().orElse(cfg.listenNetwork()),
                daemon.listener().addressString());
        Optional<PkiException> fatal = daemon.awaitStop();
        if (fatal.isPresent()) {
            err.println("kpclientd: fatal: " + fatal.get().getMessage());
            daemon.close();
            return 1;
        }
        return 0;
    }

    /** What --check-config prints after OK: the listener limits and the metrics setting in effect. */
    static java.util.List<String> effectiveSettings(ClientConfig cfg) {
        org.katzen4j.daemon.listener.ListenerConfig lc = DaemonAssembly.listenerConfig(cfg,
                DaemonAssembly.Options.defaults());
        ClientConfig.ListenerLimits l = cfg.listenerLimits();
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add("listener: " + lc.network() + " " + lc.address());
        out.add(setting("[Listener] MaxFrameSize", lc.maxFrameSize(), l.maxFrameSize().isPresent()));
        out.add(setting("[Listener] MaxApps", lc.maxApps(), l.maxApps().isPresent()));
        out.add(setting("[Listener] MaxPendingRequestsPerApp", lc.maxPendingPerApp(),
                l.maxPendingRequestsPerApp().isPresent()));
        out.add(setting("[Listener] MaxChannelsPerApp", lc.maxChannelsPerApp(), l.maxChannelsPerApp().isPresent()));
        out.add(setting("[Listener] MaxQueuedFramesPerApp", lc.maxQueuedFrames(), l.maxQueuedFramesPerApp().isPresent()));
        out.add(setting("[Listener] UnixSocketOwnerOnly", lc.unixSocketOwnerOnly(), l.unixSocketOwnerOnly().isPresent()));
        ClientConfig.Metrics m = cfg.metrics();
        out.add("[Metrics] " + (m.enable() ? "enabled on http://" + m.address() + "/metrics"
                + (m.allowNonLoopback() ? " (non-loopback allowed)" : "") : "disabled"));
        return out;
    }

    private static String setting(String key, Object value, boolean fromFile) {
        return key + " = " + value + (fromFile ? "" : " (default)");
    }

    /** Maps {@code [Logging]} onto slf4j-simple's system properties (must run before any logger exists). */
    private static int showConsensus(ClientConfig cfg, PrintWriter err) throws InterruptedException {
        try {
            ConsensusProbe.Result r = ConsensusProbe.run(cfg, org.katzen4j.pki.EpochTime.fromEnvironment(System.getenv(), false),
                    java.time.Clock.systemUTC(), new java.security.SecureRandom());
            System.out.println("gateway " + r.gateway() + " at " + r.address() + ": consensus for epoch " + r.epoch()
                    + " verified (" + r.document().signers().size() + " authority signatures)");
            System.out.println(r.document().summary());
            return 0;
        } catch (ConsensusProbe.ProbeException e) {
            err.println("kpclientd: " + e.getMessage());
            return 1;
        }
    }

    static void setUpLogging(ClientConfig.Logging l) {
        String level = l.disable() ? "off" : switch (l.level() == null ? "NOTICE" : l.level().toUpperCase()) {
            case "ERROR" -> "error";
            case "WARNING" -> "warn";
            case "DEBUG" -> "debug";
            default -> "info";
        };
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        if (l.file() != null && !l.file().isEmpty()) {
            setIfAbsent("org.slf4j.simpleLogger.logFile", l.file());
        }
    }

    private static void setIfAbsent(String k, String v) {
        if (System.getProperty(k) == null) {
            System.setProperty(k, v);
        }
    }
}
