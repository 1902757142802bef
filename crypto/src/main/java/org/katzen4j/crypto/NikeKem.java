package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.crypto.sym.Blake2b;

/**
 * hpqc {@code kem/adapter}: a KEM made from a NIKE, registered under the NIKE's name ({@code "x25519"},
 * {@code "x448"}). Keys are the NIKE's; the ciphertext is a fresh ephemeral public key; the shared
 * secret is BLAKE2Xb (output length = public key size, key = the DH output, or BLAKE2b-256 of it when
 * it is not 32 bytes) over recipient public key ‖ ephemeral public key, truncated to the DH length.
 */
final class NikeKem implements KemScheme {
    static final NikeKem X25519 = new NikeKem(X25519Nike.INSTANCE);
    static final NikeKem X448 = new NikeKem(X448Nike.INSTANCE);

    private final NikeScheme nike;

    NikeKem(NikeScheme nike) {
        this.nike = nike;
    }

    @Override
    public String name() {
        return nike.name();
    }

    @Override
    public int publicKeySize() {
        return nike.publicKeySize();
    }

    @Override
    public int privateKeySize() {
        return nike.privateKeySize();
    }

    @Override
    public int ciphertextSize() {
        return nike.publicKeySize();
    }

    @Override
    public int sharedSecretSize() {
        return nike.publicKeySize();
    }

    /** Draws the NIKE private key ({@link #privateKeySize()} bytes) from {@code random}. */
    @Override
    public KemPrivateKey generate(SecureRandom random) {
        try (NikePrivateKey k = nike.generate(random)) {
            return new KemPrivateKey(this, k.raw(), new KemPublicKey(this, k.publicKey().raw()));
        }
    }

    @Override
    public int seedSize() {
        return 32;
    }

    /**
     * hpqc's adapter {@code DeriveKeyPair}: the private key is read from BLAKE2Xb (unknown length, no
     * key) over BLAKE2b-256(seed).
     */
    @Override
    public KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        if (seed.length != 32) {
            throw CryptoException.wrongSize(name(), "seed", 32, seed.length);
        }
        byte[] sk = Blake2b.xofUnknownLength(privateKeySize(), null, Blake2b.sum256(seed));
        try {
            return privateKeyFromBytes(sk);
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    /** Draws the ephemeral NIKE private key from {@code random}. */
    @Override
    public KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException {
        check(publicKey.scheme());
        try (NikePrivateKey eph = nike.generate(random)) {
            NikePublicKey theirs = nike.publicKeyFromBytes(publicKey.raw());
            byte[] ss = nike.deriveSecret(eph, theirs);
            byte[] ct = eph.publicKey().encoded();
            byte[] k = hash(ss, publicKey.raw(), ct);
            Arrays.fill(ss, (byte) 0);
            try {
                return new KemEncapsulation(ct, k);
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        }
    }

    @Override
    public byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException {
        check(privateKey.scheme());
        if (ciphertext.length != ciphertextSize()) {
            throw CryptoException.wrongSize(name(), "ciphertext", ciphertextSize(), ciphertext.length);
        }
        try (NikePrivateKey sk = nike.privateKeyFromBytes(privateKey.raw())) {
            byte[] ss = nike.deriveSecret(sk, nike.publicKeyFromBytes(ciphertext));
            try {
                return hash(ss, privateKey.publicKey().raw(), ciphertext);
            } finally {
                Arrays.fill(ss, (byte) 0);
            }
        }
    }

    private byte[] hash(byte[] ss, byte[] recipient, byte[] ephemeral) {
        byte[] key = ss.length == 32 ? ss : Blake2b.sum256(ss);
        byte[] out = Blake2b.xof(sharedSecretSize(), key, recipient, ephemeral);
        return out.length == ss.length ? out : Arrays.copyOf(out, ss.length);
    }

    @Override
    public KemPublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        nike.publicKeyFromBytes(encoded);
        return new KemPublicKey(this, encoded);
    }

    @Override
    public KemPrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        try (NikePrivateKey k = nike.privateKeyFromBytes(encoded)) {
            return new KemPrivateKey(this, encoded, new KemPublicKey(this, k.publicKey().raw()));
        }
    }

    private void check(KemScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with KEM " + name());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
