package org.katzen4j.sphinx;

import java.security.SecureRandom;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/**
 * X25519 as the reference's hpqc {@code x25519} NIKE: private keys are 32 raw bytes (clamped only
 * inside each scalar multiplication), the blinding factor is the first 32 bytes of
 * ChaCha20(seed, zero nonce), blinding is a scalar multiplication, and an all-zero result is
 * rejected.
 */
public final class X25519Nike implements SphinxNike {
    public static final String NAME = "x25519";
    public static final int KEY_SIZE = 32;
    private static final X25519Nike INSTANCE = new X25519Nike();

    private X25519Nike() {
    }

    public static X25519Nike instance() {
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
        X25519.scalarMultBase(privateKey, 0, out, 0);
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
        X25519.scalarMult(scalar, 0, point, 0, out, 0);
        if (SphinxCrypto.isZeroConstantTime(out, 0, KEY_SIZE)) {
            throw new SphinxException(SphinxException.Kind.BAD_KEY, "x25519: low-order public key (all-zero result)");
        }
        return out;
    }

    private static void check(byte[] b, String what) throws SphinxException {
        if (b == null || b.length != KEY_SIZE) {
            throw new SphinxException(SphinxException.Kind.BAD_KEY,
                    "x25519 " + what + " must be 32 bytes, got " + (b == null ? "null" : b.length));
        }
    }

    @Override
    public String toString() {
        return "X25519Nike";
    }

}
