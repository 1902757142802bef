package org.katzen4j.crypto.sym;

import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.katzen4j.crypto.CryptoException;

/**
 * RFC 8439 ChaCha20-Poly1305 (Noise's {@code ChaChaPoly}): 32-byte key, 12-byte nonce, 16-byte tag
 * appended to the ciphertext.
 */
public final class ChaCha20Poly1305 {
    public static final int KEY_SIZE = 32;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;

    private ChaCha20Poly1305() {
    }

    /** The Noise nonce for counter {@code n}: four zero bytes then {@code n} little-endian. */
    public static byte[] noiseNonce(long n) {
        byte[] nonce = new byte[NONCE_SIZE];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }

    public static byte[] seal(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = init(true, key, nonce, ad);
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * @throws CryptoException {@link CryptoException.Kind#AUTHENTICATION_FAILED} if the tag does not
     *         verify, or {@link CryptoException.Kind#WRONG_SIZE} if the input is shorter than a tag
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) throws CryptoException {
        if (ciphertext.length < TAG_SIZE) {
            throw new CryptoException(CryptoException.Kind.WRONG_SIZE, "ChaCha20-Poly1305",
                    "ChaCha20-Poly1305: ciphertext of " + ciphertext.length + " bytes is shorter than the tag");
        }
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = init(false, key, nonce, ad);
        byte[] out = new byte[c.getOutputSize(ciphertext.length)];
        int n = c.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "ChaCha20-Poly1305",
                    "ChaCha20-Poly1305: authentication failed");
        }
        return out;
    }

    private static org.bouncycastle.crypto.modes.ChaCha20Poly1305 init(boolean enc, byte[] key, byte[] nonce, byte[] ad) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes, got " + key.length);
        }
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be 12 bytes, got " + nonce.length);
        }
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        c.init(enc, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce, ad == null ? new byte[0] : ad));
        return c;
    }
}
