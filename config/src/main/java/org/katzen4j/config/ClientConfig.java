package org.katzen4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

/**
 * {@code client.toml}, the daemon ({@code kpclientd}) configuration, with the reference's sections,
 * key names, defaults and validation ({@code client2/config.Config} and its {@code FixupAndValidate},
 * v0.0.71). Files written by the reference {@code genconfig} load unchanged.
 *
 * <pre>
 * ListenNetwork, ListenAddress, PKISignatureScheme, WireKEMScheme, PreferedTransports (sic)
 * [SphinxGeometry] [PigeonholeGeometry] [Logging] [UpstreamProxy] [Debug] [CachedDocument]
 * [PinnedGateways] [[PinnedGateways.Gateways]]   [VotingAuthority] [[VotingAuthority.Peers]]
 * </pre>
 *
 * <p>Key matching follows the reference decoder: top-level keys and plain sections match field
 * names case-insensitively (BurntSushi TOML), while gateway and authority entries are read by the
 * reference's own {@code UnmarshalTOML} methods, which are case-sensitive. Unknown keys are ignored
 * (and reported as warnings) unless {@link LoadOptions#strictKeys()} is set.
 *
 * <p>Differences from the reference, all in the direction of reporting at load what the reference
 * reports later or by crashing: a missing {@code [UpstreamProxy]} or {@code [VotingAuthority]}
 * (nil dereference in the reference), missing gateway keys (panics), an unknown listen network,
 * an empty or relative log setting the daemon refuses at start, and no gateway to connect to.
 * Beyond the reference, the Sphinx geometry must be one katzen4j can build (known scheme, lengths
 * matching the derivation). Every error names file, line (when the key is in the file) and key.
 */
public record ClientConfig(
        String listenNetwork,
        String listenAddress,
        String pkiSignatureScheme,
        String wireKemScheme,
        Geometry sphinxGeometry,
        PigeonholeGeometry pigeonholeGeometry,
        Logging logging,
        UpstreamProxy upstreamProxy,
        Debug debug,
        Optional<Map<String, Object>> cachedDocument,
        List<Gateway> pinnedGateways,
        List<Authority> votingAuthorities,
        Optional<List<String>> preferedTransports,
        Metrics metrics,
        ListenerLimits listenerLimits) {

    /** Transports the reference uses when {@code PreferedTransports} is absent, most preferred first. */
    public static final List<String> DEFAULT_TRANSPORTS = List.of("tcp", "tcp4", "tcp6", "quic", "ws", "onion");

    /** URL schemes the reference accepts in a pinned gateway's {@code Addresses}. */
    public static final List<String> GATEWAY_ADDRESS_SCHEMES = List.of("tcp", "tcp4", "tcp6", "quic", "onion");

    public ClientConfig {
        Objects.requireNonNull(listenNetwork, "listenNetwork");
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(pkiSignatureScheme, "pkiSignatureScheme");
        Objects.requireNonNull(wireKemScheme, "wireKemScheme");
        Objects.requireNonNull(sphinxGeometry, "sphinxGeometry");
        Objects.requireNonNull(pigeonholeGeometry, "pigeonholeGeometry");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(upstreamProxy, "upstreamProxy");
        Objects.requireNonNull(debug, "debug");
        Objects.requireNonNull(cachedDocument, "cachedDocument");
        pinnedGateways = List.copyOf(pinnedGateways);
        votingAuthorities = List.copyOf(votingAuthorities);
        preferedTransports = preferedTransports.map(List::copyOf);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(listenerLimits, "listenerLimits");
    }

    /** The reference's sections only: no katzen4j extensions (metrics off, default listener limits). */
    public ClientConfig(String listenNetwork, String listenAddress, String pkiSignatureScheme, String wireKemScheme,
            Geometry sphinxGeometry, PigeonholeGeometry pigeonholeGeometry, Logging logging, UpstreamProxy upstreamProxy,
            Debug debug, Optional<Map<String, Object>> cachedDocument, List<Gateway> pinnedGateways,
            List<Authority> votingAuthorities, Optional<List<String>> preferedTransports) {
        this(listenNetwork, listenAddress, pkiSignatureScheme, wireKemScheme, sphinxGeometry, pigeonholeGeometry,
                logging, upstreamProxy, debug, cachedDocument, pinnedGateways, votingAuthorities, preferedTransports,
                Metrics.DISABLED, ListenerLimits.DEFAULTS);
    }

    /** The transports to try, most preferred first: {@code PreferedTransports} or the default list. */
    public List<String> transports() {
        return preferedTransports.orElse(DEFAULT_TRANSPORTS);
    }

    /** The PKI threshold the reference voting client uses: more than half of the authorities. */
    public int authorityThreshold() {
        return votingAuthorities.size() / 2 + 1;
    }

    // ------------------------------------------------------------------ sections

    /**
     * katzen4j extension {@code [Metrics]} (the reference ignores the section): a Prometheus text
     * endpoint, off unless {@code Enable = true}. {@code address} is {@code host:port} with an IP
     * literal or {@code localhost} as host (port 0: any free port); a host that is not a loopback
     * address is refused at load unless {@code AllowNonLoopback = true}.
     */
    public record Metrics(boolean enable, String address, boolean allowNonLoopback) {
        public static final String DEFAULT_ADDRESS = "127.0.0.1:9464";
        public static final Metrics DISABLED = new Metrics(false, DEFAULT_ADDRESS, false);

        public Metrics {
            Objects.requireNonNull(address, "address");
        }

        /** Why {@code address} is not an acceptable metrics address (host:port, IP literal or localhost), if it is not. */
        public static Optional<String> addressProblem(String address) {
            return Extensions.addressProblem(address);
        }

        /** Whether the host of an acceptable address is a loopback address ({@code localhost}, 127/8, ::1). */
        public static boolean isLoopback(String address) {
            return Extensions.addressProblem(address).isEmpty() && Extensions.isLoopbackHost(Extensions.hostOf(address));
        }
    }

    /**
     * katzen4j extension {@code [Listener]} (the reference ignores the section): limits of the
     * thin-client listener. An empty value means the daemon's default.
     */
    public record ListenerLimits(Optional<Integer> maxFrameSize, Optional<Integer> maxApps,
            Optional<Integer> maxPendingRequestsPerApp, Optional<Integer> maxChannelsPerApp,
            Optional<Integer> maxQueuedFramesPerApp, Optional<Boolean> unixSocketOwnerOnly) {
        public static final ListenerLimits DEFAULTS = new ListenerLimits(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public ListenerLimits {
            Objects.requireNonNull(maxFrameSize, "maxFrameSize");
            Objects.requireNonNull(maxApps, "maxApps");
            Objects.requireNonNull(maxPendingRequestsPerApp, "maxPendingRequestsPerApp");
            Objects.requireNonNull(maxChannelsPerApp, "maxChannelsPerApp");
            Objects.requireNonNull(maxQueuedFramesPerApp, "maxQueuedFramesPerApp");
            Objects.requireNonNull(unixSocketOwnerOnly, "unixSocketOwnerOnly");
        }
    }

    /**
     * {@code [Logging]}. {@code level} is upper-cased; after loading it is one of ERROR, WARNING, INFO,
     * DEBUG. {@code file} is "" for standard output, else an absolute path.
     */
    public record Logging(boolean disable, String file, String level) {
        public static final List<String> LEVELS = List.of("ERROR", "WARNING", "INFO", "DEBUG");

        public Logging {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(level, "level");
        }
    }

    /**
     * {@code [UpstreamProxy]}: {@code type} is lower-cased and "" becomes {@code none}; otherwise
     * {@code socks5} or {@code tor+socks5} with {@code network} {@code tcp} (address IP:port) or
     * {@code unix} (address of an existing socket).
     */
    public record UpstreamProxy(String type, String network, String address, String user, String password) {
        public static final String NONE = "none";
        public static final String SOCKS5 = "socks5";
        public static final String TOR_SOCKS5 = "tor+socks5";

        public UpstreamProxy {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        public boolean isNone() {
            return type.equals(NONE);
        }

        @Override
        public String toString() {
            return "UpstreamProxy[type=" + type + ", network=" + network + ", address=" + address + ", user="
                    + (user.isEmpty() ? "" : "<set>") + ", password=" + (password.isEmpty() ? "" : "<set>") + "]";
        }
    }

    /**
     * {@code [Debug]} after the reference's fix-ups (0 → 10 / 30 / 30 when the table is present;
     * when it is absent PollingInterval 10, InitialMaxPKIRetrievalDelay 30 and SessionDialTimeout 0).
     * The three intervals are seconds and are not used by the v0.0.71 daemon.
     */
    public record Debug(boolean disableDecoyTraffic, int sessionDialTimeout, int initialMaxPKIRetrievalDelay,
                        int pollingInterval, boolean enableTimeSync) {
        public static final int DEFAULT_POLLING_INTERVAL = 10;
        public static final int DEFAULT_INITIAL_MAX_PKI_RETRIEVAL_DELAY = 30;
        public static final int DEFAULT_SESSION_DIAL_TIMEOUT = 30;
    }

    /**
     * A {@code [[PinnedGateways.Gateways]]} entry. Keys stay as PEM text (checked for type and length
     * at load); turning them into key objects is the crypto module's job.
     */
    public record Gateway(String name, String pkiSignatureScheme, String identityKeyPem, String wireKemScheme,
                          String linkKeyPem, List<String> addresses) {
        public Gateway {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pkiSignatureScheme, "pkiSignatureScheme");
            Objects.requireNonNull(identityKeyPem, "identityKeyPem");
            Objects.requireNonNull(wireKemScheme, "wireKemScheme");
            Objects.requireNonNull(linkKeyPem, "linkKeyPem");
            addresses = List.copyOf(addresses);
        }

        /** The raw identity (signature) public key bytes inside the PEM. */
        public byte[] identityKey() {
            return decodeChecked(identityKeyPem, HpqcSchemes.sign(pkiSignatureScheme));
        }

        /** The raw link (wire KEM) public key bytes inside the PEM. */
        public byte[] linkKey() {
            return decodeChecked(linkKeyPem, HpqcSchemes.kem(wireKemScheme));
        }
    }

    /** A {@code [[VotingAuthority.Peers]]} entry (a directory authority). {@code BindAddresses} is not read. */
    public record Authority(String identifier, String pkiSignatureScheme, String identityPublicKeyPem,
                            String wireKemScheme, String linkPublicKeyPem, List<String> addresses) {
        public Authority {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(pkiSignatureScheme, "pkiSignatureScheme");
            Objects.requireNonNull(identityPublicKeyPem, "identityPublicKeyPem");
            Objects.requireNonNull(wireKemScheme, "wireKemScheme");
            Objects.requireNonNull(linkPublicKeyPem, "linkPublicKeyPem");
            addresses = List.copyOf(addresses);
        }

        public byte[] identityPublicKey() {
            return decodeChecked(identityPublicKeyPem, HpqcSchemes.sign(pkiSignatureScheme));
        }

        public byte[] linkPublicKey() {
            return decodeChecked(linkPublicKeyPem, HpqcSchemes.kem(wireKemScheme));
        }
    }

    private static byte[] decodeChecked(String pem, Optional<HpqcSchemes.Scheme> scheme) {
        try {
            return PemText.publicKey(pem, scheme.orElseThrow(
                    () -> new IllegalStateException("scheme unknown; the record was not built by the loader")));
        } catch (PemText.PemException e) {
            throw new IllegalStateException("key does not decode; the record was not built by the loader: "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ loading

    /** Loads a file with the reference's key handling (unknown keys ignored). */
    public static ClientConfig load(Path file) throws ConfigException {
        return load(file, LoadOptions.DEFAULT);
    }

    public static ClientConfig load(Path file, LoadOptions options) throws ConfigException {
        return check(file, options).orThrow();
    }

    /** Parses TOML text; {@code sourceName} names it in problems. */
    public static ClientConfig parse(String toml, String sourceName, LoadOptions options) throws ConfigException {
        return check(toml, sourceName, options).orThrow();
    }

    /** Loads and reports every error and warning (for {@code --check-config}). */
    public static ConfigReport<ClientConfig> check(Path file, LoadOptions options) {
        try {
            return ClientConfigBinder.bind(TomlSource.read(file, options));
        } catch (ConfigException e) {
            return ConfigReport.failed(e);
        }
    }

    public static ConfigReport<ClientConfig> check(String toml, String sourceName, LoadOptions options) {
        try {
            return ClientConfigBinder.bind(TomlSource.parse(toml, sourceName, options));
        } catch (ConfigException e) {
            return ConfigReport.failed(e);
        }
    }
}
