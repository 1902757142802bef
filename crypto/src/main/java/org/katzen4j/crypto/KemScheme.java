package org.katzen4j.crypto;

import java.security.SecureRandom;

/**
 * A key encapsulation mechanism (hpqc {@code kem.Scheme}), e.g. {@code "XWING"} (the wire KEM) or
 * {@code "MLKEM768"}. Get instances from {@link Schemes}.
 */
public interface KemScheme {
    /** The hpqc name, exactly as Go's {@code Name()} returns it (e.g. {@code XWING}). */
    String name();

    int publicKeySize();

    int privateKeySize();

    int ciphertextSize();

    int sharedSecretSize();

    /** A fresh key pair; the public key is {@link KemPrivateKey#publicKey()}. */
    KemPrivateKey generate(SecureRandom random);

    /**
     * Encapsulates to {@code publicKey} using randomness from {@code random}.
     *
     * @throws CryptoException if the public key turns out to be unusable (e.g. an X25519 part that
     *         gives an all-zero shared secret)
     */
    KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException;

    /**
     * Recovers the shared secret from a ciphertext.
     *
     * @throws CryptoException {@link CryptoException.Kind#WRONG_SIZE} for a ciphertext of the wrong
     *         length, {@link CryptoException.Kind#MALFORMED_CIPHERTEXT} /
     *         {@link CryptoException.Kind#ZERO_SHARED_SECRET} where Go returns an error
     */
    byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException;

    KemPublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException;

    /** Length of the seed {@link #deriveKeyPair} takes (hpqc {@code SeedSize()}), or 0 if unsupported. */
    default int seedSize() {
        return 0;
    }

    /**
     * The key pair hpqc's {@code DeriveKeyPair(seed)} gives for this seed, byte for byte.
     *
     * @throws CryptoException {@link CryptoException.Kind#WRONG_SIZE} for a seed of the wrong length,
     *         {@link CryptoException.Kind#UNSUPPORTED} if the scheme has no seeded key generation here
     */
    default KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        throw new CryptoException(CryptoException.Kind.UNSUPPORTED, name(), name() + ": no seeded key generation");
    }

    /** Parses hpqc's private key encoding (which includes the public key). */
    KemPrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException;

    default KemPublicKey publicKeyFromPem(String pem) throws CryptoException {
        return publicKeyFromBytes(Pem.decode(pem, Pem.publicLabel(name()), name()));
    }

    default KemPrivateKey privateKeyFromPem(String pem) throws CryptoException {
        return privateKeyFromBytes(Pem.decode(pem, Pem.privateLabel(name()), name()));
    }
}
