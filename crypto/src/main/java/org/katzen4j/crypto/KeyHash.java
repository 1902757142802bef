package org.katzen4j.crypto;

import org.katzen4j.crypto.sym.Blake2b;

/**
 * hpqc's key hash ({@code hash.Sum256From}): BLAKE2b-256 of a key's raw encoding (no PEM, no
 * ASN.1). It is the identity hash of PKI descriptors, Sphinx hop IDs, the gateway's handshake
 * additional data and {@code destination_id_hash}.
 */
public final class KeyHash {
    /** Length of a key hash in bytes. */
    public static final int SIZE = 32;

    private KeyHash() {
    }

    public static byte[] of(byte[] rawKey) {
        return Blake2b.sum256(rawKey);
    }

    public static byte[] of(PublicKeyMaterial key) {
        return key.keyHash();
    }
}
