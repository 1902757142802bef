package org.katzen4j.sphinx.geo;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The one size per scheme that a Sphinx geometry depends on: the public key (group element)
 * size of a NIKE scheme, or the ciphertext size of a KEM scheme. Names are looked up
 * case-insensitively, as the hpqc scheme registries do; the geometry stores the name as given.
 *
 * <p>Only schemes katzen4j knows the sizes of are listed. The values were printed by the
 * reference (hpqc v0.0.68) through the oracle's geometry vectors.
 */
public final class SchemeSizes {
    private SchemeSizes() {
    }

    private static final Map<String, Integer> NIKE_PUBLIC_KEY = Map.of(
            "x25519", 32,
            "x448", 56);

    private static final Map<String, Integer> KEM_CIPHERTEXT = Map.of(
            "xwing", 1120,
            "mlkem768", 1088,
            "x25519", 32,
            "x448", 56,
            "mlkem768-x25519", 1120,
            "kyber768-x25519", 1120);

    /** Public key size of the named NIKE scheme, empty if unknown. */
    public static OptionalInt nikePublicKeySize(String nikeName) {
        Integer v = nikeName == null ? null : NIKE_PUBLIC_KEY.get(nikeName.toLowerCase(Locale.ROOT));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Ciphertext size of the named KEM scheme, empty if unknown. */
    public static OptionalInt kemCiphertextSize(String kemName) {
        Integer v = kemName == null ? null : KEM_CIPHERTEXT.get(kemName.toLowerCase(Locale.ROOT));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
