package org.katzen4j.sphinx;

import java.security.SecureRandom;

/**
 * The key encapsulation mechanism a KEM Sphinx geometry names, reduced to what Sphinx needs.
 * Keys and ciphertexts are raw byte strings in the reference's encoding.
 */
public interface SphinxKem {

    /** The scheme name as the reference spells it (e.g. {@code XWING}). */
    String name();

    int publicKeySize();

    int ciphertextSize();

    /** Encapsulates to {@code publicKey}. */
    Encapsulation encapsulate(byte[] publicKey, SecureRandom rng) throws SphinxException;

    /** Recovers the shared secret from {@code ciphertext}. */
    byte[] decapsulate(byte[] privateKey, byte[] ciphertext) throws SphinxException;

    /** A ciphertext and the shared secret it carries. */
    record Encapsulation(byte[] ciphertext, byte[] sharedSecret) {
        @Override
        public String toString() {
            return "Encapsulation[" + ciphertext.length + " byte ciphertext]";
        }
    }
}
