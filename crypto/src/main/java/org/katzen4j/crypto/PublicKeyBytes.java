package org.katzen4j.crypto;

import java.util.Arrays;

/**
 * What the public-key classes share: an immutable raw encoding, its hpqc key hash and PEM, and
 * equality by class, scheme and bytes (constant time).
 */
abstract class PublicKeyBytes extends KeyBytes {
    PublicKeyBytes(String schemeName, byte[] bytes) {
        super(schemeName, bytes);
    }

    /** A copy of the raw key bytes. */
    public final byte[] encoded() {
        return raw().clone();
    }

    /** hpqc key hash: BLAKE2b-256 of the encoding. */
    public final byte[] keyHash() {
        return KeyHash.of(raw());
    }

    /** hpqc PEM: {@code -----BEGIN <NAME> PUBLIC KEY-----}. */
    public final String toPem() {
        return Pem.encodeKey(Pem.publicLabel(schemeName()), raw());
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && sameBytes((KeyBytes) o);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(raw());
    }

    @Override
    public final String toString() {
        return publicDescription(getClass().getSimpleName());
    }
}
