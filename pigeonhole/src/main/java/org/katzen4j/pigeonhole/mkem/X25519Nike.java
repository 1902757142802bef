package org.katzen4j.pigeonhole.mkem;

import java.security.SecureRandom;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

/**
 * X25519 (RFC 7748) in hpqc's {@code x25519} form: the private key is 32 raw random bytes (clamped
 * only inside the scalar multiplication). An all-zero shared secret is an error.
 */
public final class X25519Nike implements Nike {
    public static final String NAME = "x25519";
    public static final int KEY_SIZE = 32;
    public static final X25519Nike INSTANCE = new X25519Nike();

    private X25519Nike() {}

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
    public NikeKeyPair generateKeyPair(SecureRandom rng) throws PigeonholeException {
        byte[] priv = new byte[KEY_SIZE];
        rng.nextBytes(priv);
        try {
            return new NikeKeyPair(publicKey(priv), priv);
        } finally {
            java.util.Arrays.fill(priv, (byte) 0);
        }
    }

    @Override
    public byte[] publicKey(byte[] privateKey) throws PigeonholeException {
        check(privateKey, "private");
        byte[] pub = new byte[KEY_SIZE];
        X25519.scalarMultBase(privateKey, 0, pub, 0);
        return pub;
    }

    @Override
    public void validatePublicKey(byte[] publicKey) throws PigeonholeException {
        check(publicKey, "public");
    }

    @Override
    public byte[] deriveSecret(byte[] privateKey, byte[] publicKey) throws PigeonholeException {
        check(privateKey, "private");
        check(publicKey, "public");
        byte[] out = new byte[KEY_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, out, 0)) {
            throw new PigeonholeException(Kind.BAD_KEY, "X25519 agreement produced the all-zero secret");
        }
        return out;
    }

    private static void check(byte[] k, String what) throws PigeonholeException {
        if (k == null || k.length != KEY_SIZE) {
            throw new PigeonholeException(Kind.BAD_KEY, "X25519 " + what + " key must be 32 bytes");
        }
    }
}
