package org.katzen4j.wire.noise;

import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.sym.ChaCha20Poly1305;

/**
 * A Noise CipherState over ChaCha20-Poly1305 as nyquist implements it: 32-byte key, 64-bit nonce
 * encoded as {@code 00000000 || LE64(n)}, 16-byte tag, and the generic Noise {@code REKEY}
 * (ChaChaPoly defines no special one): the new key is the first 32 bytes of encrypting 32 zero bytes
 * under nonce {@code 2^64-1} with empty additional data. Rekeying does not reset the nonce.
 *
 * <p>Not thread-safe; the session serialises access per direction. {@link #close()} wipes the key.
 */
public final class CipherState implements AutoCloseable {
    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    private static final long MAX_NONCE = -1L; // 2^64 - 1, reserved for rekeying

    private byte[] key; // null = no key (handshake before the first MixKey)
    private long nonce;

    CipherState() {}

    /** A CipherState with this key and nonce 0 (the key is copied). */
    public static CipherState withKey(byte[] key) {
        CipherState cs = new CipherState();
        cs.initializeKey(key);
        return cs;
    }

    void initializeKey(byte[] k) {
        if (k != null && k.length != KEY_LENGTH) {
            throw new IllegalArgumentException("cipher key must be 32 bytes");
        }
        wipe();
        key = k == null ? null : k.clone();
        nonce = 0;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The next nonce value (as unsigned). */
    public long nonce() {
        return nonce;
    }

    /** Encrypts and advances the nonce; without a key returns a copy of the plaintext. */
    public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        if (key == null) {
            return plaintext.clone();
        }
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        encryptWithAd(ad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} into {@code out} at {@code outOff} (ciphertext and tag,
     * {@code inLen + 16} bytes) and advances the nonce, so that a caller can put several messages
     * into one buffer without copying.
     *
     * @return the number of bytes written
     * @throws IllegalStateException without a key (there is no in-place "encryption" to offer) or
     *     when the nonce is exhausted
     */
    public int encryptWithAd(byte[] ad, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (key == null) {
            throw new IllegalStateException("encrypt into a buffer without a key");
        }
        if (nonce == MAX_NONCE) {
            throw new IllegalStateException("Noise nonce exhausted");
        }
        int n = ChaCha20Poly1305.seal(key, ChaCha20Poly1305.noiseNonce(nonce), ad, in, inOff, inLen, out, outOff);
        nonce++;
        return n;
    }

    /**
     * Decrypts and advances the nonce only on success; without a key returns a copy of the input.
     *
     * @throws AEADBadTagException if the tag does not verify (or the input is shorter than a tag)
     */
    public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws AEADBadTagException {
        if (key == null) {
            return ciphertext.clone();
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        decryptWithAd(ad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    /**
     * Decrypts {@code in[inOff, inOff+inLen)} (ciphertext then tag) into {@code out} at
     * {@code outOff} and advances the nonce only on success.
     *
     * @return the number of plaintext bytes written ({@code inLen - 16})
     * @throws AEADBadTagException if the tag does not verify (or the input is shorter than a tag)
     * @throws IllegalStateException without a key
     */
    public int decryptWithAd(byte[] ad, byte[] in, int inOff, int inLen, byte[] out, int outOff)
            throws AEADBadTagException {
        if (key == null) {
            throw new IllegalStateException("decrypt into a buffer without a key");
        }
        if (nonce == MAX_NONCE) {
            throw new AEADBadTagException("Noise nonce exhausted");
        }
        if (inLen < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        int n;
        try {
            n = ChaCha20Poly1305.open(key, ChaCha20Poly1305.noiseNonce(nonce), ad, in, inOff, inLen, out, outOff);
        } catch (CryptoException e) {
            throw new AEADBadTagException("authentication tag mismatch");
        }
        nonce++;
        return n;
    }

    /** Noise REKEY(k) (generic rule); the nonce keeps counting. */
    public void rekey() {
        if (key == null) {
            throw new IllegalStateException("rekey without a key");
        }
        byte[] ks = new byte[KEY_LENGTH + TAG_LENGTH];
        ChaCha20Poly1305.seal(key, ChaCha20Poly1305.noiseNonce(MAX_NONCE), null, new byte[KEY_LENGTH], 0, KEY_LENGTH, ks, 0);
        byte[] next = Arrays.copyOf(ks, KEY_LENGTH);
        Arrays.fill(ks, (byte) 0);
        Arrays.fill(key, (byte) 0);
        key = next;
    }

    private void wipe() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "CipherState[" + (key == null ? "no key" : "keyed") + ", n=" + Long.toUnsignedString(nonce) + "]";
    }
}
