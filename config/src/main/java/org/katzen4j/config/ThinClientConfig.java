package org.katzen4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

/**
 * {@code thinclient.toml}: how a thin client reaches the daemon and the two geometries it must share
 * with it. Keys as the reference thin client reads them ({@code client2/thin.Config}):
 *
 * <pre>
 * Network = "tcp"                 # tcp, tcp4, tcp6 or unix (exact, lower case)
 * Address = "localhost:64331"     # host:port, or the socket path for unix
 * [SphinxGeometry]   ...          # 14 keys, see {@link Geometry#KEYS}
 * [PigeonholeGeometry] ...        # 7 keys, the components of {@link PigeonholeGeometry}
 * </pre>
 *
 * <p>The reference's loader does no validation and fails later (a nil geometry panics in
 * {@code NewThinClient}, an unknown network fails at dial); this loader reports those same conditions
 * at load, with file, line and key. Geometry values are taken as written (the daemon checks them).
 */
public record ThinClientConfig(String network, String address, Geometry sphinxGeometry,
                               PigeonholeGeometry pigeonholeGeometry) {

    public static final String KEY_NETWORK = "Network";
    public static final String KEY_ADDRESS = "Address";

    /** The networks the reference thin client dials and the daemon listens on. */
    public static final List<String> NETWORKS = List.of("tcp", "tcp4", "tcp6", "unix");

    public ThinClientConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sphinxGeometry, "sphinxGeometry");
        Objects.requireNonNull(pigeonholeGeometry, "pigeonholeGeometry");
    }

    /** True for a UNIX-domain socket ({@code Network = "unix"}). */
    public boolean isUnixSocket() {
        return network.equals("unix");
    }

    /** What the reference's {@code thin.FromConfig} builds from a daemon config. */
    public static ThinClientConfig fromClientConfig(ClientConfig c) {
        return new ThinClientConfig(c.listenNetwork(), c.listenAddress(), c.sphinxGeometry(), c.pigeonholeGeometry());
    }

    /** Loads a file with the reference's key handling (unknown keys ignored). */
    public static ThinClientConfig load(Path file) throws ConfigException {
        return load(file, LoadOptions.DEFAULT);
    }

    public static ThinClientConfig load(Path file, LoadOptions options) throws ConfigException {
        return check(file, options).orThrow();
    }

    /** Parses TOML text; {@code sourceName} names it in problems. */
    public static ThinClientConfig parse(String toml, String sourceName, LoadOptions options) throws ConfigException {
        return check(toml, sourceName, options).orThrow();
    }

    public static ConfigReport<ThinClientConfig> check(String toml, String sourceName, LoadOptions options) {
        try {
            return bind(TomlSource.parse(toml, sourceName, options));
        } catch (ConfigException e) {
            return ConfigReport.failed(e);
        }
    }

    /** Loads and reports every error and warning instead of throwing on the first. */
    public static ConfigReport<ThinClientConfig> check(Path file, LoadOptions options) {
        try {
            return bind(TomlSource.read(file, options));
        } catch (ConfigException e) {
            return ConfigReport.failed(e);
        }
    }

    /** Reads a network key and checks it is one the reference's dial/listen switch accepts. */
    static String checkNetwork(TomlTable t, String key) {
        boolean present = t.has(key);
        Optional<String> v = t.string(key);
        if (present && v.isEmpty()) {
            return "";
        }
        String network = v.orElse("");
        if (network.isEmpty()) {
            t.source().error(t.fieldPath(key), ConfigProblem.Kind.MISSING, key + " is not set (one of " + NETWORKS + ")");
        } else if (!NETWORKS.contains(network)) {
            t.source().error(t.fieldPath(key), ConfigProblem.Kind.INVALID,
                    key + " '" + network + "' is not one of " + NETWORKS);
        }
        return network;
    }

    static String checkAddress(TomlTable t, String key) {
        boolean present = t.has(key);
        Optional<String> v = t.string(key);
        if (present && v.isEmpty()) {
            return "";
        }
        String address = v.orElse("");
        if (address.isEmpty()) {
            t.source().error(t.fieldPath(key), ConfigProblem.Kind.MISSING, key + " is not set");
        }
        return address;
    }

    private static ConfigReport<ThinClientConfig> bind(TomlSource src) {
        TomlTable root = src.root();
        String network = checkNetwork(root, KEY_NETWORK);
        String address = checkAddress(root, KEY_ADDRESS);
        Geometry sphinx = root.table(Geometry.TOML_TABLE, true).map(Geometries::readSphinx).orElse(null);
        if (!root.has(Geometry.TOML_TABLE)) {
            src.error(Geometry.TOML_TABLE, ConfigProblem.Kind.MISSING, "no [SphinxGeometry] table");
        }
        PigeonholeGeometry pigeonhole = root.table(PigeonholeGeometry.TOML_TABLE, true)
                .map(Geometries::readPigeonhole).orElse(null);
        if (!root.has(PigeonholeGeometry.TOML_TABLE)) {
            src.error(PigeonholeGeometry.TOML_TABLE, ConfigProblem.Kind.MISSING, "no [PigeonholeGeometry] table");
        }
        root.finish("thinclient.toml");
        if (src.hasErrors()) {
            return new ConfigReport<>(Optional.empty(), src.errors(), src.warnings());
        }
        return new ConfigReport<>(Optional.of(new ThinClientConfig(network, address, sphinx, pigeonhole)),
                List.of(), src.warnings());
    }
}
