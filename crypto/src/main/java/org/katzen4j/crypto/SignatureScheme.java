package org.katzen4j.crypto;

import java.security.SecureRandom;

/**
 * A signature scheme (hpqc {@code sign.Scheme}): {@code "Ed25519"}, {@code "Ed448"},
 * {@code "Sphincs+"}, {@code "Ed25519 Sphincs+"}, {@code "Ed448-Sphincs+"}. Get instances from
 * {@link Schemes}. No scheme here supports a signing context (hpqc passes none).
 */
public interface SignatureScheme {
    /** The hpqc name, exactly as Go's {@code Name()} returns it. */
    String name();

    int publicKeySize();

    int privateKeySize();

    int signatureSize();

    /** A fresh key pair; the public key is {@link SignaturePrivateKey#publicKey()}. */
    SignaturePrivateKey generate(SecureRandom random);

    /** Signs {@code message}; the result has exactly {@link #signatureSize()} bytes. */
    byte[] sign(SignaturePrivateKey privateKey, byte[] message);

    /**
     * Whether {@code signature} is valid for {@code message}. A signature of the wrong length is
     * simply invalid ({@code false}), never an exception.
     */
    boolean verify(SignaturePublicKey publicKey, byte[] message, byte[] signature);

    SignaturePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException;

    /** Length of the seed {@link #deriveKey} takes (hpqc {@code SeedSize()}), or 0 if unsupported. */
    default int seedSize() {
        return 0;
    }

    /**
     * The key pair hpqc's {@code DeriveKey(seed)} gives for this seed, byte for byte.
     *
     * @throws CryptoException {@link CryptoException.Kind#WRONG_SIZE} for a seed of the wrong length,
     *         {@link CryptoException.Kind#UNSUPPORTED} where hpqc has none (SPHINCS+ and its hybrids
     *         panic in Go)
     */
    default SignaturePrivateKey deriveKey(byte[] seed) throws CryptoException {
        throw new CryptoException(CryptoException.Kind.UNSUPPORTED, name(), name() + ": no seeded key generation");
    }

    SignaturePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException;

    default SignaturePublicKey publicKeyFromPem(String pem) throws CryptoException {
        return publicKeyFromBytes(Pem.decode(pem, Pem.publicLabel(name()), name()));
    }

    default SignaturePrivateKey privateKeyFromPem(String pem) throws CryptoException {
        return privateKeyFromBytes(Pem.decode(pem, Pem.privateLabel(name()), name()));
    }
}
