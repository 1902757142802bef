package org.katzen4j.crypto;

import java.util.Arrays;

/**
 * Result of {@link KemScheme#encapsulate}: the ciphertext to send and the shared secret to keep.
 * {@link #close()} wipes the secret.
 */
public final class KemEncapsulation implements AutoCloseable {
    private final byte[] ciphertext;
    private final byte[] sharedSecret;
    private volatile boolean destroyed;

    KemEncapsulation(byte[] ciphertext, byte[] sharedSecret) {
        this.ciphertext = ciphertext.clone();
        this.sharedSecret = sharedSecret.clone();
    }

    /** A copy of the ciphertext. */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** A copy of the shared secret. */
    public byte[] sharedSecret() {
        if (destroyed) {
            throw new IllegalStateException("encapsulation has been closed");
        }
        return sharedSecret.clone();
    }

    @Override
    public void close() {
        destroyed = true;
        Arrays.fill(sharedSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "KemEncapsulation[ciphertext " + ciphertext.length + " bytes]";
    }
}
