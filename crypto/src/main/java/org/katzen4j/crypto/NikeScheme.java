package org.katzen4j.crypto;

import java.security.SecureRandom;

/**
 * A non-interactive key exchange (hpqc {@code nike.Scheme}): X25519 ({@code "x25519"}) or X448
 * ({@code "x448"}). Get instances from {@link Schemes}.
 */
public interface NikeScheme {
    /** The hpqc name, exactly as Go's {@code Name()} returns it. */
    String name();

    int publicKeySize();

    int privateKeySize();

    int sharedSecretSize();

    /**
     * A fresh key pair. Draws exactly {@link #privateKeySize()} bytes from {@code random} and uses them
     * as the private key, as hpqc's {@code GeneratePrivateKey(rng)} does, so a deterministic stream
     * gives the same key as Go.
     */
    NikePrivateKey generate(SecureRandom random);

    /** Parses a raw private key (hpqc encoding) and derives its public key. */
    NikePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException;

    /** Parses a raw public key. */
    NikePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException;

    /**
     * The shared secret of {@code privateKey} and {@code publicKey}.
     *
     * @throws CryptoException {@link CryptoException.Kind#ZERO_SHARED_SECRET} if the result is all
     *         zeros (a low-order peer key; Go panics there)
     */
    byte[] deriveSecret(NikePrivateKey privateKey, NikePublicKey publicKey) throws CryptoException;

    /**
     * hpqc {@code Blind}: the group element multiplied by a scalar given as raw private-key-sized
     * bytes (for X25519 this is {@code X25519(blindingFactor, groupMember)}).
     *
     * @throws CryptoException if the factor has the wrong size or the result is all zeros
     */
    NikePublicKey blind(NikePublicKey groupMember, byte[] blindingFactor) throws CryptoException;

    default NikePublicKey publicKeyFromPem(String pem) throws CryptoException {
        return publicKeyFromBytes(Pem.decode(pem, Pem.publicLabel(name()), name()));
    }

    default NikePrivateKey privateKeyFromPem(String pem) throws CryptoException {
        return privateKeyFromBytes(Pem.decode(pem, Pem.privateLabel(name()), name()));
    }
}
