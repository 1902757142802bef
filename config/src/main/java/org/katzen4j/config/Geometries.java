package org.katzen4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The reference's {@code geo.Geometry.Validate()}: the first failure's message, or null. */
    static String sphinxReferenceProblem(Geometry g) {
        if (g.nikeName().isEmpty() && g.kemName().isEmpty()) {
            return "geometry NIKEName or KEMName must be set";
        }
        if (!g.nikeName().isEmpty() && !g.kemName().isEmpty()) {
            return "geometry NIKEName and KEMName must not both be set";
        }
        if (!g.nikeName().isEmpty()) {
            if (HpqcSchemes.nike(g.nikeName()).isEmpty()) {
                return "geometry has invalid NIKE Scheme " + g.nikeName();
            }
        } else if (HpqcSchemes.kem(g.kemName()).isEmpty()) {
            return "geometry has invalid KEM Scheme " + g.kemName();
        }
        if (g.packetLength() == 0) {
            return "geometry has PacketLength of 0";
        }
        if (g.nrHops() == 0) {
            return "geometry has NrHops of 0";
        }
        if (g.headerLength() == 0) {
            return "geometry has HeaderLength of 0";
        }
        if (g.routingInfoLength() == 0) {
            return "geometry has RoutingInfoLength of 0";
        }
        if (g.perHopRoutingInfoLength() == 0) {
            return "geometry has PerHopRoutingInfoLength of 0";
        }
        return null;
    }

    /**
     * Reference checks, then katzen4j's own: the scheme must be one the sphinx module knows the sizes
     * of (UNSUPPORTED otherwise) and every length must match the derivation (INVALID otherwise; the
     * mixes would drop such packets). Reports at the table's path; returns true if usable.
     */
    static boolean checkSphinx(TomlSource src, String path, Geometry g) {
        String p = sphinxReferenceProblem(g);
        if (p != null) {
            src.error(path, ConfigProblem.Kind.INVALID, p);
            return false;
        }
        boolean known = g.isNike() ? SchemeSizes.nikePublicKeySize(g.nikeName()).isPresent()
                : SchemeSizes.kemCiphertextSize(g.kemName()).isPresent();
        if (!known) {
            src.error(path, ConfigProblem.Kind.UNSUPPORTED, "Sphinx " + (g.isNike() ? "NIKE" : "KEM") + " scheme "
                    + g.schemeName() + " is accepted by the reference but not supported by katzen4j");
            return false;
        }
        try {
            g.validate();
        } catch (GeometryException e) {
            src.error(path, ConfigProblem.Kind.INVALID, e.getMessage());
            return false;
        }
        return true;
    }

    /** Reads {@code [PigeonholeGeometry]}; null if a value had the wrong type. */
    static PigeonholeGeometry readPigeonhole(TomlTable t) {
        int[] ints = new int[5];
        String[] strs = {"", ""};
        boolean ok = true;
        for (int i = 0; i < 7; i++) {
            String k = PigeonholeGeometry.KEYS.get(i);
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
