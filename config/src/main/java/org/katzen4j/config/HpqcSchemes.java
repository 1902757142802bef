package org.katzen4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheme names the reference's loaders accept (hpqc's {@code ByName}, case-insensitive) and the
 * public key size each unmarshals. The table {@code hpqc-schemes.json} is written by the Go oracle
 * from hpqc itself ({@code interop/oracle/config_schemes.go}); it lets config apply the reference's
 * name and key-length checks without implementing every scheme. Whether katzen4j can actually use a
 * scheme is the crypto module's business.
 */
public final class HpqcSchemes {

    /** One scheme: the name as hpqc spells it and its public key size in bytes. */
    public record Scheme(String name, int publicKeySize) {
        /** The PEM block type hpqc writes for a public key of this scheme. */
        public String publicPemType() {
            return name.toUpperCase(Locale.ROOT) + " PUBLIC KEY";
        }
    }

    private static final Map<String, Scheme> KEM = new TreeMap<>();
    private static final Map<String, Scheme> NIKE = new TreeMap<>();
    private static final Map<String, Scheme> SIGN = new TreeMap<>();

    static {
        try (InputStream in = HpqcSchemes.class.getResourceAsStream("hpqc-schemes.json")) {
            if (in == null) {
                throw new IllegalStateException("hpqc-schemes.json missing from the config module");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            fill(KEM, root.get("kem"));
            fill(NIKE, root.get("nike"));
            fill(SIGN, root.get("sign"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(Map<String, Scheme> m, JsonNode arr) {
        for (JsonNode e : arr) {
            Scheme s = new Scheme(e.get("name").stringValue(), e.get("publicKeySize").intValue());
            m.put(s.name().toLowerCase(Locale.ROOT), s);
        }
    }

    private HpqcSchemes() {
    }

    private static Optional<Scheme> get(Map<String, Scheme> m, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(m.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A KEM by name (case-insensitive), as {@code hpqc/kem/schemes.ByName}. */
    public static Optional<Scheme> kem(String name) {
        return get(KEM, name);
    }

    /** A NIKE by name (case-insensitive), as {@code hpqc/nike/schemes.ByName}. */
    public static Optional<Scheme> nike(String name) {
        return get(NIKE, name);
    }

    /** A signature scheme by name (case-insensitive), as {@code hpqc/sign/schemes.ByName}. */
    public static Optional<Scheme> sign(String name) {
        return get(SIGN, name);
    }
}
