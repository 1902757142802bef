package org.katzen4j.wire.noise;

import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

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
        if (nonce == MAX_NONCE) {
            throw new IllegalStateException("Noise nonce exhausted");
        }
        byte[] out = seal(key, nonce, ad, plaintext);
        nonce++;
        return out;
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
        if (nonce == MAX_NONCE) {
            throw new AEADBadTagException("Noise nonce exhausted");
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(false, params(key, nonce, ad));
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        try {
            int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new AEADBadTagException("authentication tag mismatch");
        }
        nonce++;
        return out;
    }

    /** Noise REKEY(k) (generic rule); the nonce keeps counting. */
    public void rekey() {
        if (key == null) {
            throw new IllegalStateException("rekey without a key");
        }
        byte[] ks = seal(key, MAX_NONCE, new byte[0], new byte[KEY_LENGTH]);
        byte[] next = Arrays.copyOf(ks, KEY_LENGTH);
        Arrays.fill(ks, (byte) 0);
        Arrays.fill(key, (byte) 0);
        key = next;
    }

    private static byte[] seal(byte[] key, long n, byte[] ad, byte[] plaintext) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, params(key, n, ad));
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int len = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, len);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
        return out;
    }

    private static AEADParameters params(byte[] key, long n, byte[] ad) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, ad);
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
