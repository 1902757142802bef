package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * hpqc {@code nike/x25519} (name {@code "x25519"}): RFC 7748 X25519. Keys are the raw 32-byte
 * scalar and u-coordinate; the scalar is stored unclamped and clamped inside every multiplication,
 * as Go's {@code curve25519} does.
 */
final class X25519Nike implements NikeScheme {
    static final String NAME = "x25519";
    static final int SIZE = 32;
    static final X25519Nike INSTANCE = new X25519Nike();

    private X25519Nike() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return SIZE;
    }

    @Override
    public int privateKeySize() {
        return SIZE;
    }

    @Override
    public int sharedSecretSize() {
        return SIZE;
    }

    @Override
    public NikePrivateKey generate(SecureRandom random) {
        byte[] sk = new byte[SIZE];
        random.nextBytes(sk);
        try {
            return fromScalar(sk);
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public NikePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", SIZE, encoded.length);
        }
        return fromScalar(encoded);
    }

    private NikePrivateKey fromScalar(byte[] sk) {
        return new NikePrivateKey(this, sk, new NikePublicKey(this, publicFromScalar(sk)));
    }

    @Override
    public NikePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != SIZE) {
            throw CryptoException.wrongSize(NAME, "public key", SIZE, encoded.length);
        }
        return new NikePublicKey(this, encoded);
    }

    @Override
    public byte[] deriveSecret(NikePrivateKey privateKey, NikePublicKey publicKey) throws CryptoException {
        checkScheme(privateKey.scheme());
        checkScheme(publicKey.scheme());
        return dh(privateKey.raw(), publicKey.raw());
    }

    @Override
    public NikePublicKey blind(NikePublicKey groupMember, byte[] blindingFactor) throws CryptoException {
        checkScheme(groupMember.scheme());
        if (blindingFactor.length != SIZE) {
            throw CryptoException.wrongSize(NAME, "blinding factor", SIZE, blindingFactor.length);
        }
        byte[] r = dh(blindingFactor, groupMember.raw());
        return new NikePublicKey(this, r);
    }

    /** Public key of a raw (unclamped) 32-byte scalar. */
    static byte[] publicFromScalar(byte[] sk) {
        byte[] pk = new byte[SIZE];
        X25519.scalarMultBase(sk, 0, pk, 0);
        return pk;
    }

    /** X25519(k, u), rejecting the all-zero output like Go's {@code curve25519.X25519}. */
    static byte[] dh(byte[] k, byte[] u) throws CryptoException {
        byte[] r = new byte[SIZE];
        X25519.scalarMult(k, 0, u, 0, r, 0);
        int acc = 0;
        for (byte b : r) {
            acc |= b;
        }
        if (acc == 0) {
            throw new CryptoException(CryptoException.Kind.ZERO_SHARED_SECRET, NAME,
                    NAME + ": shared secret is all zeros (low-order public key)");
        }
        return r;
    }

    private void checkScheme(NikeScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with " + NAME);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
