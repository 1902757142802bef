package org.katzen4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.geo.GeometryException;
import org.katzen4j.sphinx.geo.SchemeSizes;

/** Reads the two geometry tables and applies the reference's geometry checks. */
final class Geometries {

    private Geometries() {
    }

    /** Reads {@code [SphinxGeometry]}; absent keys are 0 / "" as in Go. Null if a value had the wrong type. */
    static Geometry readSphinx(TomlTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ok = true;
        for (String k : Geometry.KEYS) {
            if (k.equals(Geometry.KEY_NIKE_NAME) || k.equals(Geometry.KEY_KEM_NAME)) {
                if (t.has(k)) {
                    var v = t.string(k);
                    ok &= v.isPresent();
                    v.ifPresent(s -> m.put(k, s));
                }
            } else if (t.has(k)) {
                var v = t.integer(k);
                ok &= v.isPresent();
                v.ifPresent(i -> m.put(k, i));
            }
        }
        t.finish("[" + Geometry.TOML_TABLE + "]");
        if (!ok) {
            return null;
        }
        try {
            return Geometry.fromMap(m);
        } catch (GeometryException e) {
            t.source().error(t.path(), ConfigProblem.Kind.INVALID, e.getMessage());
            return null;
        }
    }

    /** A failed check: the geometry key it concerns and the message. */
    record Failure(String key, String message) {
    }

    /** The reference's {@code geo.Geometry.Validate()}: the first failure, or null. */
    static Failure sphinxReferenceProblem(Geometry g) {
        if (g.nikeName().isEmpty() && g.kemName().isEmpty()) {
            return new Failure(Geometry.KEY_NIKE_NAME, "geometry NIKEName or KEMName must be set");
        }
        if (!g.nikeName().isEmpty() && !g.kemName().isEmpty()) {
            return new Failure(Geometry.KEY_KEM_NAME, "geometry NIKEName and KEMName must not both be set");
        }
        if (!g.nikeName().isEmpty()) {
            if (HpqcSchemes.nike(g.nikeName()).isEmpty()) {
                return new Failure(Geometry.KEY_NIKE_NAME, "geometry has invalid NIKE Scheme " + g.nikeName());
            }
        } else if (HpqcSchemes.kem(g.kemName()).isEmpty()) {
            return new Failure(Geometry.KEY_KEM_NAME, "geometry has invalid KEM Scheme " + g.kemName());
        }
        Map<String, Object> m = g.toMap();
        for (String k : List.of(Geometry.KEY_PACKET_LENGTH, Geometry.KEY_NR_HOPS, Geometry.KEY_HEADER_LENGTH,
                Geometry.KEY_ROUTING_INFO_LENGTH, Geometry.KEY_PER_HOP_ROUTING_INFO_LENGTH)) {
            if (Integer.valueOf(0).equals(m.get(k))) {
                return new Failure(k, "geometry has " + k + " of 0");
            }
        }
        return null;
    }

    /**
     * Reference checks, then katzen4j's own: the scheme must be one the sphinx module knows the sizes
     * of (UNSUPPORTED otherwise) and every length must match the derivation (INVALID otherwise; the
     * mixes would drop such packets). Reports at the offending key; returns true if usable.
     */
    static boolean checkSphinx(TomlTable t, Geometry g) {
        TomlSource src = t.source();
        Failure f = sphinxReferenceProblem(g);
        if (f != null) {
            src.error(t.fieldPath(f.key()), ConfigProblem.Kind.INVALID, f.message());
            return false;
        }
        String schemeKey = g.isNike() ? Geometry.KEY_NIKE_NAME : Geometry.KEY_KEM_NAME;
        boolean known = g.isNike() ? SchemeSizes.nikePublicKeySize(g.nikeName()).isPresent()
                : SchemeSizes.kemCiphertextSize(g.kemName()).isPresent();
        if (!known) {
            src.error(t.fieldPath(schemeKey), ConfigProblem.Kind.UNSUPPORTED, "Sphinx "
                    + (g.isNike() ? "NIKE" : "KEM") + " scheme " + g.schemeName()
                    + " is accepted by the reference but not supported by katzen4j");
            return false;
        }
        try {
            g.validate();
        } catch (GeometryException e) {
            src.error(t.fieldPath(firstMismatch(g)), ConfigProblem.Kind.INVALID, e.getMessage());
            return false;
        }
        return true;
    }

    /** The first key whose value differs from the derivation (the NrHops key if it cannot be derived). */
    private static String firstMismatch(Geometry g) {
        try {
            Geometry want = g.isNike() ? Geometry.nike(g.nikeName(), g.userForwardPayloadLength(), g.nrHops())
                    : Geometry.kem(g.kemName(), g.userForwardPayloadLength(), g.nrHops());
            Map<String, Object> w = want.toMap();
            Map<String, Object> h = g.toMap();
            for (String k : Geometry.KEYS) {
                if (!w.get(k).equals(h.get(k))) {
                    return k;
                }
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return Geometry.KEY_NR_HOPS;
    }

    /** Keys of the {@code [PigeonholeGeometry]} table, as the reference's {@code pigeonhole/geo.Geometry} names them. */
    static final String KEY_MAX_PLAINTEXT_PAYLOAD_LENGTH = "MaxPlaintextPayloadLength";
    static final String KEY_NIKE_NAME = "NIKEName";
    static final String KEY_SIGNATURE_SCHEME_NAME = "SignatureSchemeName";
    /** The seven keys in the record's component order. */
    static final List<String> PIGEONHOLE_KEYS = List.of(KEY_MAX_PLAINTEXT_PAYLOAD_LENGTH, "CourierQueryReadLength",
            "CourierQueryWriteLength", "CourierQueryReplyReadLength", "CourierQueryReplyWriteLength", KEY_NIKE_NAME,
            KEY_SIGNATURE_SCHEME_NAME);

    /**
     * The reference's {@code pigeonhole/geo.Geometry.Validate()}: the first failure, or null. Unlike
     * {@link PigeonholeGeometry#validate()} it names the failing key and uses the reference's messages.
     */
    static Failure pigeonholeReferenceProblem(PigeonholeGeometry g) {
        if (g.maxPlaintextPayloadLength() <= 0) {
            return new Failure(KEY_MAX_PLAINTEXT_PAYLOAD_LENGTH,
                    "MaxPlaintextPayloadLength must be positive");
        }
        if (g.nikeName() == null || g.nikeName().isEmpty()) {
            return new Failure(KEY_NIKE_NAME, "NIKEName must be set");
        }
        if (HpqcSchemes.nike(g.nikeName()).isEmpty()) {
            return new Failure(KEY_NIKE_NAME, "invalid NIKE scheme: " + g.nikeName());
        }
        if (!PigeonholeGeometry.SIGNATURE_SCHEME.equals(g.signatureSchemeName())) {
            return new Failure(KEY_SIGNATURE_SCHEME_NAME,
                    "SignatureSchemeName must be " + PigeonholeGeometry.SIGNATURE_SCHEME);
        }
        return null;
    }

    /** Reads {@code [PigeonholeGeometry]}; null if a value had the wrong type. */
    static PigeonholeGeometry readPigeonhole(TomlTable t) {
        int[] ints = new int[5];
        String[] strs = {"", ""};
        boolean ok = true;
        for (int i = 0; i < 7; i++) {
            String k = PIGEONHOLE_KEYS.get(i);
            if (!t.has(k)) {
                continue;
            }
            if (i < 5) {
                var v = t.integer(k);
                ok &= v.isPresent();
                ints[i] = v.orElse(0);
            } else {
                var v = t.string(k);
                ok &= v.isPresent();
                strs[i - 5] = v.orElse("");
            }
        }
        t.finish("[" + PigeonholeGeometry.TOML_TABLE + "]");
        return ok ? new PigeonholeGeometry(ints[0], ints[1], ints[2], ints[3], ints[4], strs[0], strs[1]) : null;
    }
}
