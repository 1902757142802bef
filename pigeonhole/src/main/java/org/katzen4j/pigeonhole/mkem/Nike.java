package org.katzen4j.pigeonhole.mkem;

import java.security.SecureRandom;

import org.katzen4j.pigeonhole.PigeonholeException;

/**
 * A non-interactive key exchange as MKEM uses it: keys are raw byte strings in the reference's
 * (hpqc) encoding. Implementations validate sizes and report bad keys or failed agreements as
 * {@link PigeonholeException} of kind {@code BAD_KEY}, never by crashing.
 */
public interface Nike {
    /** The hpqc scheme name, e.g. {@code x25519} or {@code CTIDH1024-X25519}. */
    String name();

    int publicKeySize();

    int privateKeySize();

    /** A fresh key pair drawn from {@code rng}. */
    NikeKeyPair generateKeyPair(SecureRandom rng) throws PigeonholeException;

    /** The public key of a private key. */
    byte[] publicKey(byte[] privateKey) throws PigeonholeException;

    /** Checks a peer's public key (size and, where the scheme has one, its validity test). */
    void validatePublicKey(byte[] publicKey) throws PigeonholeException;

    /** The raw shared secret DH(privateKey, publicKey). */
    byte[] deriveSecret(byte[] privateKey, byte[] publicKey) throws PigeonholeException;
}
