package org.katzen4j.crypto.sym;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
        Cipher c = init(Cipher.ENCRYPT_MODE, key, nonce, ad);
        try {
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
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
        Cipher c = init(Cipher.DECRYPT_MODE, key, nonce, ad);
        try {
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "ChaCha20-Poly1305",
                    "ChaCha20-Poly1305: authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    /**
     * The JDK's ChaCha20-Poly1305 (HotSpot intrinsics for ChaCha20 and Poly1305 on x86-64 and
     * AArch64; about four times BouncyCastle's throughput on a 3200-byte frame, see BENCHMARKS.md).
     * A new Cipher per message: the JDK refuses to re-initialise one for encryption under the same
     * key and nonce, which Noise's rekey does by design.
     */
    private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] ad) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes, got " + key.length);
        }
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be 12 bytes, got " + nonce.length);
        }
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            if (ad != null && ad.length > 0) {
                c.updateAAD(ad);
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }
}
