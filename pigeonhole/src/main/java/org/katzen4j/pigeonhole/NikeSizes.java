package org.katzen4j.pigeonhole;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Public key sizes of the NIKE schemes of the reference's hpqc registry (names matched
 * case-insensitively, as hpqc does). The Pigeonhole geometry depends on the MKEM public key size.
 */
public final class NikeSizes {
    /** The replica NIKE the reference client hard-codes. */
    public static final String REPLICA_NIKE = "CTIDH1024-X25519";

    private static final Map<String, Integer> PUBLIC_KEY_SIZES = Map.ofEntries(
            Map.entry("x25519", 32),
            Map.entry("x448", 56),
            Map.entry("ctidh511", 64),
            Map.entry("ctidh512", 64),
            Map.entry("ctidh1024", 128),
            Map.entry("ctidh2048", 256),
            Map.entry("ctidh512-x25519", 96),
            Map.entry("ctidh512-x448", 120),
            Map.entry("ctidh1024-x25519", 160),
            Map.entry("ctidh1024-x448", 184),
            Map.entry("ctidh2048-x448", 312),
            Map.entry("nobs_csidh-x25519", 96));

    private NikeSizes() {}

    public static OptionalInt publicKeySize(String nikeName) {
        Integer n = nikeName == null ? null : PUBLIC_KEY_SIZES.get(nikeName.toLowerCase(Locale.ROOT));
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
