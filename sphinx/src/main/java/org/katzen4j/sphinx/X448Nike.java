package org.katzen4j.sphinx;

import java.security.SecureRandom;

import org.bouncycastle.math.ec.rfc7748.X448;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/**
 * X448 as the reference's hpqc {@code x448} NIKE: private keys are 56 raw bytes (clamped inside
 * each scalar multiplication), the blinding factor is the first 56 bytes of ChaCha20(seed, zero
 * nonce), blinding is a scalar multiplication, and an all-zero result is rejected.
 */
public final class X448Nike implements SphinxNike {
    public static final String NAME = "x448";
    public static final int KEY_SIZE = 56;
    private static final X448Nike INSTANCE = new X448Nike();

    private X448Nike() {
    }

    public static X448Nike instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return KEY_SIZE;
    }

    @Override
    public int privateKeySize() {
        return KEY_SIZE;
    }

    @Override
    public byte[] generatePrivateKey(SecureRandom rng) {
        byte[] k = new byte[KEY_SIZE];
        rng.nextBytes(k);
        return k;
    }

    @Override
    public byte[] publicKey(byte[] privateKey) throws SphinxException {
        check(privateKey, "private key");
        byte[] out = new byte[KEY_SIZE];
        X448.scalarMultBase(privateKey, 0, out, 0);
        return out;
    }

    @Override
    public byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws SphinxException {
        return mult(privateKey, publicKey);
    }

    @Override
    public byte[] blindingFactor(byte[] seed) {
        return SphinxCrypto.chachaStream(seed, KEY_SIZE);
    }

    @Override
    public byte[] blind(byte[] publicKey, byte[] blindingFactor) throws SphinxException {
        return mult(blindingFactor, publicKey);
    }

    private static byte[] mult(byte[] scalar, byte[] point) throws SphinxException {
        check(scalar, "scalar");
        check(point, "public key");
        byte[] out = new byte[KEY_SIZE];
        X448.scalarMult(scalar, 0, point, 0, out, 0);
        if (SphinxCrypto.isZeroConstantTime(out, 0, KEY_SIZE)) {
            throw new SphinxException(SphinxException.Kind.BAD_KEY, "x448: low-order public key (all-zero result)");
        }
        return out;
    }

    private static void check(byte[] b, String what) throws SphinxException {
        if (b == null || b.length != KEY_SIZE) {
            throw new SphinxException(SphinxException.Kind.BAD_KEY,
                    "x448 " + what + " must be 56 bytes, got " + (b == null ? "null" : b.length));
        }
    }

    @Override
    public String toString() {
        return "X448Nike";
    }

}
