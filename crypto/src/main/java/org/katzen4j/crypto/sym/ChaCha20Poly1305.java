package org.katzen4j.crypto.sym;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.katzen4j.crypto.CryptoException;

/**
 * RFC 8439 ChaCha20-Poly1305 (Noise's {@code ChaChaPoly}): 32-byte key, 12-byte nonce, 16-byte tag
 * appended to the ciphertext.
 *
 * <p>Runs on the JDK's {@code ChaCha20-Poly1305} cipher (HotSpot intrinsics for ChaCha20 and Poly1305
 * on x86-64 and AArch64; about four times BouncyCastle's throughput on a 3200-byte frame, see
 * BENCHMARKS.md). Each thread keeps one {@link Cipher} and re-initialises it per message, which
 * saves the provider lookup of {@code Cipher.getInstance} on every frame. The offset variants write
 * into a caller's buffer so that framing code does not have to copy. What is left per message is
 * {@code Cipher.init} (about 1.2 µs here, more than the 0.9 µs of encrypting 3200 bytes), which the
 * JCA offers no way around. The thread's cipher holds a copy of the last key it was given until its
 * next use, as the short-lived instances it replaces held theirs until garbage collection.
 */
public final class ChaCha20Poly1305 {
    public static final int KEY_SIZE = 32;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;

    private static final String ALGORITHM = "ChaCha20-Poly1305";
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(ChaCha20Poly1305::newCipher);
    /** A nonce no caller uses with the dummy re-initialisation below (its key is never a real key). */
    private static final byte[] SCRATCH_KEY = new byte[KEY_SIZE];
    private static final byte[] SCRATCH_NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

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
        byte[] out = new byte[plaintext.length + TAG_SIZE];
        seal(key, nonce, ad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} and writes ciphertext and tag ({@code inLen + 16}
     * bytes) to {@code out} at {@code outOff}.
     *
     * @return the number of bytes written ({@code inLen + 16})
     */
    public static int seal(byte[] key, byte[] nonce, byte[] ad, byte[] in, int inOff, int inLen, byte[] out,
            int outOff) {
        checkRange(in, inOff, inLen);
        checkRange(out, outOff, inLen + TAG_SIZE);
        Cipher c = init(Cipher.ENCRYPT_MODE, key, nonce, ad);
        try {
            return c.doFinal(in, inOff, inLen, out, outOff);
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
            throw tooShort(ciphertext.length);
        }
        byte[] out = new byte[ciphertext.length - TAG_SIZE];
        open(key, nonce, ad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    /**
     * Decrypts and authenticates {@code in[inOff, inOff+inLen)} (ciphertext then tag) and writes the
     * {@code inLen - 16} plaintext bytes to {@code out} at {@code outOff}. On failure nothing of the
     * plaintext is left in {@code out}.
     *
     * @return the number of bytes written ({@code inLen - 16})
     * @throws CryptoException {@link CryptoException.Kind#AUTHENTICATION_FAILED} if the tag does not
     *         verify, or {@link CryptoException.Kind#WRONG_SIZE} if the input is shorter than a tag
     */
    public static int open(byte[] key, byte[] nonce, byte[] ad, byte[] in, int inOff, int inLen, byte[] out,
            int outOff) throws CryptoException {
        if (inLen < TAG_SIZE) {
            throw tooShort(inLen);
        }
        checkRange(in, inOff, inLen);
        checkRange(out, outOff, inLen - TAG_SIZE);
        Cipher c = init(Cipher.DECRYPT_MODE, key, nonce, ad);
        try {
            return c.doFinal(in, inOff, inLen, out, outOff);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, ALGORITHM,
                    "ChaCha20-Poly1305: authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    private static CryptoException tooShort(int length) {
        return new CryptoException(CryptoException.Kind.WRONG_SIZE, ALGORITHM,
                "ChaCha20-Poly1305: ciphertext of " + length + " bytes is shorter than the tag");
    }

    private static void checkRange(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + "+" + len + ") outside " + b.length
                    + " bytes");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }

    /**
     * Re-initialises this thread's cipher. The JDK refuses an encryption under the key and nonce of
     * the instance's previous initialisation (a guard against nonce reuse); that happens
     * legitimately when one thread decrypts and then encrypts under the same key and nonce (two ends
     * of a session in one test, a replayed Noise rekey), so the instance is first moved to a scratch
     * key and the initialisation retried.
     */
    private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] ad) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes, got " + key.length);
        }
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be 12 bytes, got " + nonce.length);
        }
        Cipher c = CIPHER.get();
        SecretKeySpec k = new SecretKeySpec(key, "ChaCha20");
        IvParameterSpec iv = new IvParameterSpec(nonce);
        try {
            try {
                c.init(mode, k, iv);
            } catch (InvalidKeyException repeated) {
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(SCRATCH_KEY, "ChaCha20"), new IvParameterSpec(SCRATCH_NONCE));
                c.init(mode, k, iv);
            }
            if (ad != null && ad.length > 0) {
                c.updateAAD(ad);
            }
            return c;
        } catch (GeneralSecurityException e) {
            CIPHER.remove();
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }
}
