package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * hpqc {@code nike/x448} (name {@code "x448"}): RFC 7748 X448 with 56-byte raw scalars and
 * u-coordinates; the scalar is stored as given and clamped inside every multiplication.
 */
final class X448Nike implements NikeScheme {
    static final String NAME = "x448";
    static final int SIZE = 56;
    static final X448Nike INSTANCE = new X448Nike();

    private X448Nike() {
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

    /** Public key of a raw (unclamped) 56-byte scalar. */
    static byte[] publicFromScalar(byte[] sk) {
        byte[] pk = new byte[SIZE];
        X448.scalarMultBase(sk, 0, pk, 0);
        return pk;
    }

    /** X448(k, u), rejecting the all-zero output (hpqc's {@code x448.Shared} reports it and panics). */
    static byte[] dh(byte[] k, byte[] u) throws CryptoException {
        byte[] r = new byte[SIZE];
        X448.scalarMult(k, 0, u, 0, r, 0);
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
