package org.katzen4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.katzen4j.config.ConfigException;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code katzen} root command: global connection options and the subcommands. Exit codes:
 * 0 success, 1 failure talking to the daemon or the mixnet (message on stderr), 2 bad usage.
 */
@Command(name = "katzen", mixinStandardHelpOptions = true, versionProvider = Katzen.Version.class,
        description = {"Talks to a running Katzenpost client daemon (kpclientd) through the thin-client protocol.",
                "Connection: -c thinclient.toml, --daemon-config client.toml, $KATZEN_THINCLIENT_CONFIG, or "
                        + "just --address (the reference default geometry is then assumed)."},
        subcommands = {PingCommand.class, PkiCommand.class, SendCommand.class, ListenCommand.class,
                ChannelCommand.class, CommandLine.HelpCommand.class},
        sortOptions = false, usageHelpAutoWidth = true)
public final class Katzen implements Runnable {

    /** The environment variable naming a thinclient.toml when -c is not given. */
    public static final String CONFIG_ENV = "KATZEN_THINCLIENT_CONFIG";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "thinclient.toml (Network, Address, SphinxGeometry, PigeonholeGeometry)")
    Path config;

    @Option(names = "--daemon-config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "take the daemon's address and geometries from its client.toml (ListenNetwork, "
                    + "ListenAddress, SphinxGeometry, PigeonholeGeometry) instead of a thinclient.toml")
    Path daemonConfig;

    @Option(names = "--network", paramLabel = "NET", scope = ScopeType.INHERIT,
            description = "tcp, tcp4, tcp6 or unix; overrides the config file")
    String network;

    @Option(names = "--address", paramLabel = "ADDR", scope = ScopeType.INHERIT,
            description = "host:port or UNIX socket path; overrides the config file")
    String address;

    @Option(names = "--dial-timeout", paramLabel = "DURATION", defaultValue = "30s", scope = ScopeType.INHERIT,
            converter = Durations.Converter.class,
            description = "how long to wait for the daemon's status and PKI document (default: ${DEFAULT-VALUE})")
    Duration dialTimeout;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "2m", scope = ScopeType.INHERIT,
            converter = Durations.Converter.class,
            description = "how long to wait for each reply (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "log the thin client's messages")
    boolean verbose;

    /** Environment lookup, replaceable in tests. */
    java.util.function.Function<String, String> env = System::getenv;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The picocli command line with katzen's error handling; tests set out/err on it. */
    public static CommandLine commandLine() {
        return commandLine(new Katzen());
    }

    static CommandLine commandLine(Katzen root) {
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof ThinClientException te) {
                err.println("katzen: " + te.getMessage());
            } else if (ex instanceof CliException ce) {
                err.println("katzen: " + ce.getMessage());
            } else if (ex instanceof java.io.IOException io) {
                err.println("katzen: " + io.getMessage());
            } else {
                throw ex;
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            boolean verbose = java.util.Arrays.asList(args).contains("-v")
                    || java.util.Arrays.asList(args).contains("--verbose");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        }
        System.exit(commandLine().execute(args));
    }

    // ------------------------------------------------------------------ shared by subcommands

    /** The reference's default client geometry (genconfig: x25519, 5 hops, 2000-byte user payload). */
    static ThinClientConfig defaultConfig(String network, String address) {
        return new ThinClientConfig(network, address, Geometry.nike("x25519", 2000, 5),
                new PigeonholeGeometry(1553, 359, 2000, 1698, 50, "CTIDH1024-X25519", PigeonholeGeometry.SIGNATURE_SCHEME));
    }

    /** Resolves -c / $KATZEN_THINCLIENT_CONFIG / --network --address into a thin-client configuration. */
    ThinClientConfig resolveConfig() throws CliException {
        Path file = config;
        if (file == null) {
            String e = env.apply(CONFIG_ENV);
            if (e != null && !e.isBlank()) {
                file = Path.of(e);
            }
        }
        ThinClientConfig base;
        if (config != null && daemonConfig != null) {
            throw new CliException("give either -c (thinclient.toml) or --daemon-config (client.toml), not both");
        }
        if (daemonConfig != null) {
            if (!Files.isRegularFile(daemonConfig)) {
                throw new CliException("daemon config file " + daemonConfig + " does not exist");
            }
            try {
                base = ThinClientConfig.fromClientConfig(org.katzen4j.config.ClientConfig.load(daemonConfig));
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
        } else if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new CliException("config file " + file + " does not exist");
            }
            try {
                base = ThinClientConfig.load(file);
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
        } else if (address != null) {
            base = defaultConfig(network != null ? network : guessNetwork(address), address);
        } else {
            throw new CliException("no daemon to talk to: pass -c thinclient.toml, --address, or set " + CONFIG_ENV);
        }
        String net = network != null ? network : address != null ? guessNetwork(address) : base.network();
        String addr = address != null ? address : base.address();
        if (!ThinClientConfig.NETWORKS.contains(net)) {
            throw new CliException("unsupported network \"" + net + "\" (one of " + ThinClientConfig.NETWORKS + ")");
        }
        return new ThinClientConfig(net, addr, base.sphinxGeometry(), base.pigeonholeGeometry());
    }

    /** A path-looking address is a UNIX socket, anything else TCP. */
    static String guessNetwork(String address) {
        return address.startsWith("/") || address.startsWith("./") || address.endsWith(".sock") ? "unix" : "tcp";
    }

    /**
     * Dials the daemon and, if asked, waits (up to the dial timeout) until it reports a gateway
     * connection and a PKI document.
     */
    ThinClient connect(boolean needMixnet) throws ThinClientException, CliException {
        ThinClientConfig cfg = resolveConfig();
        ThinClient c = ThinClient.dial(cfg, ThinClient.Options.defaults().withDialTimeout(dialTimeout));
        if (needMixnet) {
            long deadline = System.nanoTime() + dialTimeout.toNanos();
            while ((!c.isConnected() || c.pkiDocument().isEmpty()) && System.nanoTime() < deadline && !c.isClosed()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!c.isConnected() || c.pkiDocument().isEmpty()) {
                String what = !c.isConnected() ? "is not connected to the mixnet" : "has no PKI document";
                c.close();
                throw new CliException("the daemon at " + cfg.network() + " " + cfg.address() + " " + what
                        + " after " + human(dialTimeout));
            }
        }
        return c;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return String.format(Locale.ROOT, "%ss", d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0));
    }

    /** Version from the jar manifest (Implementation-Version). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Katzen.class.getPackage().getImplementationVersion();
            return new String[] {"katzen (katzen4j) " + (v != null ? v : "development build"),
                    "thin-client protocol of Katzenpost v0.0.71", "Java " + Runtime.version()};
        }
    }
}
