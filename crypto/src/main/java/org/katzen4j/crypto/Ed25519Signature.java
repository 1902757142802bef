package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * hpqc {@code sign/ed25519} (name {@code "Ed25519"}): RFC 8032 pure Ed25519, no context. Public key
 * 32 bytes; private key 64 bytes = seed (32) ‖ public key (32), as Go's {@code ed25519.PrivateKey};
 * signature 64 bytes.
 */
final class Ed25519Signature implements SignatureScheme {
    static final String NAME = "Ed25519";
    static final int PUBLIC_SIZE = 32;
    static final int SEED_SIZE = 32;
    static final int PRIVATE_SIZE = 64;
    static final int SIGNATURE_SIZE = 64;
    static final Ed25519Signature INSTANCE = new Ed25519Signature();

    private Ed25519Signature() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return PUBLIC_SIZE;
    }

    @Override
    public int privateKeySize() {
        return PRIVATE_SIZE;
    }

    @Override
    public int signatureSize() {
        return SIGNATURE_SIZE;
    }

    /** Draws the 32-byte seed from {@code random}, as Go's {@code ed25519.GenerateKey(rand)}. */
    @Override
    public SignaturePrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[SEED_SIZE];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public int seedSize() {
        return SEED_SIZE;
    }

    /**
     * hpqc's {@code DeriveKey}: the RFC 8032 seed is read from BLAKE2Xb (unknown length) keyed with the
     * 32-byte seed over empty input.
     */
    @Override
    public SignaturePrivateKey deriveKey(byte[] seed) throws CryptoException {
        if (seed.length != SEED_SIZE) {
            throw CryptoException.wrongSize(NAME, "seed", SEED_SIZE, seed.length);
        }
        byte[] s = org.katzen4j.crypto.sym.Blake2b.xofUnknownLength(SEED_SIZE, seed);
        try {
            return fromSeed(s);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /** The key pair of a 32-byte RFC 8032 seed (Go {@code ed25519.NewKeyFromSeed}). */
    SignaturePrivateKey fromSeed(byte[] seed) {
        byte[] pk = new byte[PUBLIC_SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        byte[] sk = new byte[PRIVATE_SIZE];
        System.arraycopy(seed, 0, sk, 0, SEED_SIZE);
        System.arraycopy(pk, 0, sk, SEED_SIZE, PUBLIC_SIZE);
        try {
            return new SignaturePrivateKey(this, sk, new SignaturePublicKey(this, pk));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public byte[] sign(SignaturePrivateKey privateKey, byte[] message) {
        check(privateKey.scheme());
        byte[] sk = privateKey.raw();
        byte[] sig = new byte[SIGNATURE_SIZE];
        Ed25519.sign(sk, 0, sk, SEED_SIZE, message, 0, message.length, sig, 0);
        return sig;
    }

    @Override
    public boolean verify(SignaturePublicKey publicKey, byte[] message, byte[] signature) {
        check(publicKey.scheme());
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        // Go's acceptance rules (lenient key decoding, cofactorless check), not BouncyCastle's
        return Ed25519Verifier.verify(publicKey.raw(), message, signature);
    }

    /**
     * Any 32 bytes are accepted, as in Go: a string that is not a curve point simply never verifies.
     */
    @Override
    public SignaturePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PUBLIC_SIZE) {
            throw CryptoException.wrongSize(NAME, "public key", PUBLIC_SIZE, encoded.length);
        }
        return new SignaturePublicKey(this, encoded);
    }

    /**
     * Rejects a private key whose public half is not the one its seed gives: Go would sign with the
     * stored half and produce signatures nobody can verify.
     */
    @Override
    public SignaturePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PRIVATE_SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", PRIVATE_SIZE, encoded.length);
        }
        byte[] seed = Arrays.copyOf(encoded, SEED_SIZE);
        SignaturePrivateKey k = fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        byte[] stored = Arrays.copyOfRange(encoded, SEED_SIZE, PRIVATE_SIZE);
        if (!MessageDigest.isEqual(stored, k.publicKey().raw())) {
            k.close();
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, NAME,
                    NAME + ": private key's public half does not match its seed");
        }
        return k;
    }

    private void check(SignatureScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with " + NAME);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
