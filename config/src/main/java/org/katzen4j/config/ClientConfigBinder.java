package org.katzen4j.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.katzen4j.config.ConfigProblem.Kind;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

/** Reads a parsed client.toml into a {@link ClientConfig}, applying the reference's rules. */
final class ClientConfigBinder {

    private ClientConfigBinder() {
    }

    static final String LISTEN_NETWORK = "ListenNetwork";
    static final String LISTEN_ADDRESS = "ListenAddress";
    static final String PKI_SIGNATURE_SCHEME = "PKISignatureScheme";
    static final String WIRE_KEM_SCHEME = "WireKEMScheme";
    static final String LOGGING = "Logging";
    static final String UPSTREAM_PROXY = "UpstreamProxy";
    static final String DEBUG = "Debug";
    static final String CACHED_DOCUMENT = "CachedDocument";
    static final String PINNED_GATEWAYS = "PinnedGateways";
    static final String VOTING_AUTHORITY = "VotingAuthority";
    static final String CALLBACKS = "Callbacks";
    static final String PREFERED_TRANSPORTS = "PreferedTransports";
    static final String METRICS = "Metrics";
    static final String LISTENER = "Listener";

    static ConfigReport<ClientConfig> bind(TomlSource src) {
        TomlTable root = src.root();

        String network = ThinClientConfig.checkNetwork(root, LISTEN_NETWORK);
        String address = ThinClientConfig.checkAddress(root, LISTEN_ADDRESS);
        String pkiScheme = root.string(PKI_SIGNATURE_SCHEME).orElse("");

        // FixupAndValidate, in the reference's order.
        String wireKem = wireKem(root, root.fieldPath(WIRE_KEM_SCHEME), root.string(WIRE_KEM_SCHEME),
                root.has(WIRE_KEM_SCHEME));

        Optional<TomlTable> gwTable = root.table(PINNED_GATEWAYS, true);
        if (!root.has(PINNED_GATEWAYS)) {
            src.error(PINNED_GATEWAYS, Kind.MISSING, "No PinnedGateways block was present");
        }

        Geometry sphinx = null;
        if (!root.has(Geometry.TOML_TABLE)) {
            src.error(Geometry.TOML_TABLE, Kind.MISSING, "No SphinxGeometry block was present");
        } else {
            Optional<TomlTable> t = root.table(Geometry.TOML_TABLE, true);
            if (t.isPresent()) {
                sphinx = Geometries.readSphinx(t.get());
                if (sphinx != null && !Geometries.checkSphinx(t.get(), sphinx)) {
                    sphinx = null;
                }
            }
        }

        PigeonholeGeometry pigeonhole = null;
        if (!root.has(PigeonholeGeometry.TOML_TABLE)) {
            src.error(PigeonholeGeometry.TOML_TABLE, Kind.MISSING, "No PigeonholeGeometry block was present");
        } else {
            Optional<TomlTable> t = root.table(PigeonholeGeometry.TOML_TABLE, true);
            if (t.isPresent()) {
                pigeonhole = Geometries.readPigeonhole(t.get());
                Geometries.Failure f = pigeonhole == null ? null : Geometries.pigeonholeReferenceProblem(pigeonhole);
                if (f != null) {
                    src.error(t.get().fieldPath(f.key()), Kind.INVALID, f.message());
                    pigeonhole = null;
                }
            }
        }

        if (sphinx != null && pigeonhole != null) {
            pigeonholeAgainstSphinx(root, sphinx, pigeonhole);
        }

        ClientConfig.Logging logging = logging(root);
        ClientConfig.Debug debug = debug(root);
        ClientConfig.UpstreamProxy proxy = upstreamProxy(root);

        Optional<Map<String, Object>> cached = cachedDocument(root);

        List<ClientConfig.Gateway> gateways = gwTable.map(ClientConfigBinder::gateways).orElse(List.of());
        if (gwTable.isPresent() && gateways.isEmpty() && cached.isEmpty()
                && !src.hasErrorUnder(gwTable.get().path())) {
            src.error(gwTable.get().path(), Kind.MISSING,
                    "no Gateways in PinnedGateways (and no CachedDocument): the daemon has nothing to connect to");
        }

        List<ClientConfig.Authority> authorities = List.of();
        if (!root.has(VOTING_AUTHORITY)) {
            src.error(VOTING_AUTHORITY, Kind.MISSING,
                    "No VotingAuthority block was present (the reference daemon cannot verify PKI documents without it)");
        } else {
            Optional<TomlTable> t = root.table(VOTING_AUTHORITY, true);
            if (t.isPresent()) {
                authorities = authorities(t.get());
            }
        }

        Optional<List<String>> transports = root.strings(PREFERED_TRANSPORTS);
        transports.ifPresent(l -> {
            for (int i = 0; i < l.size(); i++) {
                if (!ClientConfig.DEFAULT_TRANSPORTS.contains(l.get(i))) {
                    src.warning(root.fieldPath(PREFERED_TRANSPORTS) + "[" + i + "]", Kind.INVALID,
                            "transport '" + l.get(i) + "' is never offered by gateways (known: "
                                    + ClientConfig.DEFAULT_TRANSPORTS + ")");
                }
            }
        });

        callbacks(root);
        ClientConfig.Metrics metrics = Extensions.metrics(root, METRICS);
        ClientConfig.ListenerLimits limits = Extensions.listenerLimits(root, LISTENER,
                sphinx == null ? 0 : sphinx.userForwardPayloadLength());
        root.finish("client.toml");

        if (src.hasErrors()) {
            return new ConfigReport<>(Optional.empty(), src.errors(), src.warnings());
        }
        ClientConfig cfg = new ClientConfig(network, address, pkiScheme, wireKem, sphinx, pigeonhole, logging, proxy,
                debug, cached, gateways, authorities, transports, metrics, limits);
        return new ConfigReport<>(Optional.of(cfg), List.of(), src.warnings());
    }

    /**
     * Not checked by the reference: the Pigeonhole sizes should be those derived from the Sphinx
     * geometry (a write query exactly fills the user forward payload), as genconfig writes them.
     * A mismatch is a warning: the daemon would build queries that do not fit, or waste space.
     */
    private static void pigeonholeAgainstSphinx(TomlTable root, Geometry sphinx, PigeonholeGeometry ph) {
        PigeonholeGeometry w;
        try {
            w = PigeonholeGeometry.fromSphinx(sphinx, ph.nikeName());
        } catch (org.katzen4j.pigeonhole.PigeonholeException | RuntimeException e) {
            root.source().warning(root.fieldPath(PigeonholeGeometry.TOML_TABLE), Kind.INVALID,
                    "cannot derive the Pigeonhole geometry from [SphinxGeometry]: " + e.getMessage());
            return;
        }
        if (!w.equals(ph)) {
            root.source().warning(root.fieldPath(PigeonholeGeometry.TOML_TABLE), Kind.INVALID,
                    "differs from the geometry derived from [SphinxGeometry] (UserForwardPayloadLength "
                            + sphinx.userForwardPayloadLength() + "): expected " + w);
        }
    }

    /** The reference's WireKEMScheme check: set, and a KEM hpqc knows. */
    private static String wireKem(TomlTable t, String path, Optional<String> value, boolean present) {
        if (present && value.isEmpty()) {
            return "";
        }
        String v = value.orElse("");
        if (v.isEmpty()) {
            t.source().error(path, Kind.MISSING, "WireKEMScheme is empty string");
        } else if (HpqcSchemes.kem(v).isEmpty()) {
            t.source().error(path, Kind.INVALID, "WireKEMScheme '" + v + "' is not a KEM scheme the reference knows");
        }
        return v;
    }

    // ------------------------------------------------------------------ [Logging]

    private static ClientConfig.Logging logging(TomlTable root) {
        TomlSource src = root.source();
        if (!root.has(LOGGING)) {
            src.error(LOGGING, Kind.MISSING, "No Logging block was present: the reference then uses level NOTICE and "
                    + "rejects it (\"Level 'NOTICE' is invalid\"); add [Logging] with Level = \"INFO\" (or ERROR, WARNING, DEBUG)");
            return null;
        }
        Optional<TomlTable> ot = root.table(LOGGING, true);
        if (ot.isEmpty()) {
            return null;
        }
        TomlTable t = ot.get();
        boolean disable = t.bool("Disable").orElse(false);
        String file = t.string("File").orElse("");
        boolean levelPresent = t.has("Level");
        Optional<String> lv = t.string("Level");
        t.finish("[Logging]");
        String level = lv.orElse("").toUpperCase(Locale.ROOT);
        if (levelPresent && lv.isEmpty()) {
            return null;
        }
        if (level.isEmpty()) {
            src.error(t.fieldPath("Level"), levelPresent ? Kind.INVALID : Kind.MISSING,
                    "Level is empty: the reference accepts it at load but its daemon then fails to start "
                            + "(log: invalid level); use one of " + ClientConfig.Logging.LEVELS);
            return null;
        }
        if (!ClientConfig.Logging.LEVELS.contains(level)) {
            src.error(t.fieldPath("Level"), Kind.INVALID, "Level '" + lv.get() + "' is invalid (one of "
                    + ClientConfig.Logging.LEVELS + ")");
            return null;
        }
        if (!disable && !file.isEmpty() && !Path.of(file).isAbsolute()) {
            src.error(t.fieldPath("File"), Kind.INVALID, "log file path must be absolute path");
            return null;
        }
        return new ClientConfig.Logging(disable, file, level);
    }

    // ------------------------------------------------------------------ [Debug]

    private static ClientConfig.Debug debug(TomlTable root) {
        if (!root.has(DEBUG)) {
            return new ClientConfig.Debug(false, 0, ClientConfig.Debug.DEFAULT_INITIAL_MAX_PKI_RETRIEVAL_DELAY,
                    ClientConfig.Debug.DEFAULT_POLLING_INTERVAL, false);
        }
        Optional<TomlTable> ot = root.table(DEBUG, true);
        if (ot.isEmpty()) {
            return null;
        }
        TomlTable t = ot.get();
        boolean decoys = t.bool("DisableDecoyTraffic").orElse(false);
        int dial = t.integer("SessionDialTimeout").orElse(0);
        int pki = t.integer("InitialMaxPKIRetrievalDelay").orElse(0);
        int poll = t.integer("PollingInterval").orElse(0);
        boolean timeSync = t.bool("EnableTimeSync").orElse(false);
        t.finish("[Debug]");
        return new ClientConfig.Debug(decoys,
                dial == 0 ? ClientConfig.Debug.DEFAULT_SESSION_DIAL_TIMEOUT : dial,
                pki == 0 ? ClientConfig.Debug.DEFAULT_INITIAL_MAX_PKI_RETRIEVAL_DELAY : pki,
                poll == 0 ? ClientConfig.Debug.DEFAULT_POLLING_INTERVAL : poll,
                timeSync);
    }

    // ------------------------------------------------------------------ [UpstreamProxy]

    private static final int MAX_SOCKS5_AUTH_LENGTH = 255;

    private static ClientConfig.UpstreamProxy upstreamProxy(TomlTable root) {
        TomlSource src = root.source();
        if (!root.has(UPSTREAM_PROXY)) {
            src.error(UPSTREAM_PROXY, Kind.MISSING, "No UpstreamProxy block was present (the reference daemon "
                    + "crashes without it); add [UpstreamProxy] with Type = \"none\"");
            return null;
        }
        Optional<TomlTable> ot = root.table(UPSTREAM_PROXY, true);
        if (ot.isEmpty()) {
            return null;
        }
        TomlTable t = ot.get();
        String type = t.string("Type").orElse("").toLowerCase(Locale.ROOT);
        String network = t.string("Network").orElse("");
        String address = t.string("Address").orElse("");
        String user = t.string("User").orElse("");
        String password = t.string("Password").orElse("");
        t.finish("[UpstreamProxy]");
        int errors = src.errorCount();
        switch (type) {
            case "" -> type = ClientConfig.UpstreamProxy.NONE;
            case ClientConfig.UpstreamProxy.NONE -> {
            }
            case ClientConfig.UpstreamProxy.SOCKS5, ClientConfig.UpstreamProxy.TOR_SOCKS5 -> {
                int uLen = user.getBytes(StandardCharsets.UTF_8).length;
                int pLen = password.getBytes(StandardCharsets.UTF_8).length;
                if (uLen > MAX_SOCKS5_AUTH_LENGTH) {
                    src.error(t.fieldPath("User"), Kind.INVALID, "User too long (at most 255 bytes)");
                } else if (pLen > MAX_SOCKS5_AUTH_LENGTH) {
                    src.error(t.fieldPath("Password"), Kind.INVALID, "Password too long (at most 255 bytes)");
                } else if ((uLen == 0) != (pLen == 0)) {
                    src.error(t.fieldPath(uLen == 0 ? "User" : "Password"), Kind.INVALID,
                            "Both User and Password must be specified");
                } else if (uLen != 0 && type.equals(ClientConfig.UpstreamProxy.TOR_SOCKS5)) {
                    src.error(t.fieldPath("User"), Kind.INVALID, "Tor SOCKS5 conflicts with setting User/Password");
                }
                network = network.toLowerCase(Locale.ROOT);
                switch (network) {
                    case "tcp" -> {
                        String why = ipPortProblem(address);
                        if (why != null) {
                            src.error(t.fieldPath("Address"), Kind.INVALID, "Address '" + address + "' is invalid: " + why);
                        }
                    }
                    case "unix" -> {
                        String why = socketProblem(address);
                        if (why != null) {
                            src.error(t.fieldPath("Address"), Kind.INVALID, "Address '" + address + "' " + why);
                        }
                    }
                    default -> src.error(t.fieldPath("Network"), Kind.INVALID,
                            "Network '" + network + "' is invalid (tcp or unix)");
                }
            }
            default -> src.error(t.fieldPath("Type"), Kind.INVALID,
                    "Type '" + type + "' is invalid (none, socks5 or tor+socks5)");
        }
        if (src.errorCount() != errors) {
            return null;
        }
        return new ClientConfig.UpstreamProxy(type, network, address, user, password);
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Go's EnsureAddrIPPort: host:port where the host is a literal IP. Null when fine. */
    static String ipPortProblem(String a) {
        String host;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                return "missing ']' in address";
            }
            if (close + 1 >= a.length() || a.charAt(close + 1) != ':') {
                return "missing port in address";
            }
            if (a.indexOf(':', close + 2) >= 0) {
                return "too many colons in address";
            }
            host = a.substring(1, close);
            return isIpv6(host) || IPV4.matcher(host).matches() ? null : "address '" + host + "' is not an IP";
        }
        int colon = a.lastIndexOf(':');
        if (colon < 0) {
            return "missing port in address";
        }
        host = a.substring(0, colon);
        if (host.indexOf(':') >= 0) {
            return "too many colons in address";
        }
        return IPV4.matcher(host).matches() ? null : "address '" + host + "' is not an IP";
    }

    private static boolean isIpv6(String h) {
        if (h.isEmpty() || !h.contains(":") || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(h) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The reference lstat()s the path and requires a socket. Null when fine. */
    static String socketProblem(String address) {
        Path p = Path.of(address);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "failed to stat(): no such file";
        }
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & 0170000) == 0140000) {
                return null;
            }
            return "does not appear to be a socket";
        } catch (UnsupportedOperationException | IllegalArgumentException | java.io.IOException e) {
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    ? "does not appear to be a socket" : null;
        }
    }

    // ------------------------------------------------------------------ [CachedDocument], Callbacks

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> cachedDocument(TomlTable root) {
        if (!root.has(CACHED_DOCUMENT)) {
            return Optional.empty();
        }
        Optional<TomlTable> t = root.table(CACHED_DOCUMENT, true);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return root.plain(CACHED_DOCUMENT).map(o -> (Map<String, Object>) o);
    }

    private static void callbacks(TomlTable root) {
        if (!root.has(CALLBACKS)) {
            return;
        }
        root.table(CALLBACKS, true).ifPresent(t -> {
            if (!t.keys().isEmpty()) {
                root.source().error(t.path(), Kind.INVALID, "Callbacks cannot be set from a config file");
            }
        });
    }

    // ------------------------------------------------------------------ gateways and authorities

    private static List<ClientConfig.Gateway> gateways(TomlTable pinned) {
        Optional<List<TomlTable>> list = pinned.tables("Gateways", false);
        pinned.finish("[PinnedGateways]");
        List<ClientConfig.Gateway> out = new ArrayList<>();
        for (TomlTable g : list.orElse(List.of())) {
            ClientConfig.Gateway gw = gateway(g);
            if (gw != null) {
                out.add(gw);
            }
        }
        return out;
    }

    /** Mirrors the reference's {@code Gateway.UnmarshalTOML} (exact-case keys). */
    private static ClientConfig.Gateway gateway(TomlTable g) {
        TomlSource src = g.source();
        int before = src.errorCount();
        String name = required(g, "Name");
        String sigName = required(g, "PKISignatureScheme");
        Optional<HpqcSchemes.Scheme> sig = Optional.empty();
        if (sigName != null) {
            if (sigName.isEmpty()) {
                src.error(g.fieldPath("PKISignatureScheme"), Kind.INVALID, "PKISignatureScheme is an empty string");
            } else {
                sig = HpqcSchemes.sign(sigName);
                if (sig.isEmpty()) {
                    src.error(g.fieldPath("PKISignatureScheme"), Kind.INVALID,
                            "pki signature scheme '" + sigName + "' is not known to the reference");
                }
            }
        }
        String identity = required(g, "IdentityKey");
        if (identity != null && sig.isPresent()) {
            checkPem(g, "IdentityKey", identity, sig.get());
        }
        String kemName = required(g, "WireKEMScheme");
        Optional<HpqcSchemes.Scheme> kem = Optional.empty();
        if (kemName != null) {
            if (kemName.isEmpty()) {
                src.error(g.fieldPath("WireKEMScheme"), Kind.INVALID, "WireKEMScheme is empty string");
            } else {
                kem = HpqcSchemes.kem(kemName);
                if (kem.isEmpty()) {
                    src.error(g.fieldPath("WireKEMScheme"), Kind.INVALID,
                            "WireKEMScheme '" + kemName + "' is not a KEM scheme the reference knows");
                }
            }
        }
        String link = required(g, "LinkKey");
        if (link != null && kem.isPresent()) {
            checkPem(g, "LinkKey", link, kem.get());
        }
        List<String> addresses = gatewayAddresses(g);
        g.finish("a pinned gateway");
        if (src.errorCount() != before) {
            return null;
        }
        return new ClientConfig.Gateway(name, sigName, identity, kemName,
                link, addresses);
    }

    /** A string key the reference's UnmarshalTOML type-asserts (a missing key is a Go panic there). */
    private static String required(TomlTable t, String key) {
        if (!t.has(key)) {
            t.source().error(t.keyPath(key), Kind.MISSING, key + " is missing" + t.caseHint(key));
            return null;
        }
        return t.string(key).orElse(null);
    }

    private static void checkPem(TomlTable t, String key, String pem, HpqcSchemes.Scheme scheme) {
        try {
            PemText.publicKey(pem, scheme);
        } catch (PemText.PemException e) {
            t.source().error(t.fieldPath(key), Kind.INVALID, e.getMessage());
        }
    }

    private static List<String> gatewayAddresses(TomlTable g) {
        TomlSource src = g.source();
        if (!g.has("Addresses")) {
            src.error(g.keyPath("Addresses"), Kind.MISSING, "Addresses is missing" + g.caseHint("Addresses"));
            return List.of();
        }
        Optional<List<String>> list = g.strings("Addresses");
        if (list.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String path = g.fieldPath("Addresses");
        for (int i = 0; i < list.get().size(); i++) {
            String a = list.get().get(i);
            String scheme;
            try {
                URI u = new URI(a);
                scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            } catch (URISyntaxException e) {
                src.error(path + "[" + i + "]", Kind.INVALID, "Address URL decode failure: " + e.getMessage());
                return List.of();
            }
            if (!ClientConfig.GATEWAY_ADDRESS_SCHEMES.contains(scheme)) {
                src.error(path + "[" + i + "]", Kind.INVALID, "Address Invalid Scheme: " + a + " (one of "
                        + ClientConfig.GATEWAY_ADDRESS_SCHEMES + ")");
                return List.of();
            }
            out.add(scheme + a.substring(a.indexOf(':')));
        }
        if (out.isEmpty()) {
            src.error(path, Kind.INVALID, "No valid Addresses");
        }
        return out;
    }

    private static List<ClientConfig.Authority> authorities(TomlTable va) {
        Optional<List<TomlTable>> list = va.tables("Peers", false);
        va.finish("[VotingAuthority]");
        List<ClientConfig.Authority> out = new ArrayList<>();
        if (list.isPresent() && list.get().isEmpty() || !va.has("Peers")) {
            va.source().warning(va.keyPath("Peers"), Kind.MISSING,
                    "VotingAuthority has no Peers: no PKI document can ever be verified");
        }
        for (TomlTable p : list.orElse(List.of())) {
            ClientConfig.Authority a = authority(p);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** Mirrors the dirauth config's {@code Authority.UnmarshalTOML} (exact-case keys). */
    private static ClientConfig.Authority authority(TomlTable p) {
        TomlSource src = p.source();
        int before = src.errorCount();
        String sigName = required(p, "PKISignatureScheme");
        Optional<HpqcSchemes.Scheme> sig = Optional.empty();
        if (sigName != null) {
            sig = HpqcSchemes.sign(sigName);
            if (sig.isEmpty()) {
                src.error(p.fieldPath("PKISignatureScheme"), Kind.INVALID,
                        "pki signature scheme '" + sigName + "' not found");
            }
        }
        String id = required(p, "Identifier");
        // The reference reads a missing IdentityPublicKey as "" and then fails to decode it.
        String identity = p.has("IdentityPublicKey") ? p.string("IdentityPublicKey").orElse(null) : "";
        if (identity != null && sig.isPresent()) {
            checkPem(p, "IdentityPublicKey", identity, sig.get());
        }
        String link = required(p, "LinkPublicKey");
        String kemName = required(p, "WireKEMScheme");
        Optional<HpqcSchemes.Scheme> kem = Optional.empty();
        if (kemName != null) {
            kem = HpqcSchemes.kem(kemName);
            if (kem.isEmpty()) {
                src.error(p.fieldPath("WireKEMScheme"), Kind.INVALID, "scheme '" + kemName + "' not found");
            }
        }
        if (link != null && kem.isPresent()) {
            checkPem(p, "LinkPublicKey", link, kem.get());
        }
        List<String> addresses = List.of();
        if (!p.has("Addresses")) {
            src.error(p.keyPath("Addresses"), Kind.MISSING, "Addresses is missing" + p.caseHint("Addresses"));
        } else {
            addresses = p.strings("Addresses").orElse(List.of());
        }
        p.known("BindAddresses");
        p.finish("a voting authority peer");
        if (src.errorCount() != before) {
            return null;
        }
        return new ClientConfig.Authority(id, sigName, identity, kemName, link, addresses);
    }
}
