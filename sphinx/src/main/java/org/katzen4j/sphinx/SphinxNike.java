package org.katzen4j.sphinx;

import java.security.SecureRandom;

/**
 * The non-interactive key exchange a NIKE Sphinx geometry names, reduced to what Sphinx needs.
 * Keys are raw byte strings in the reference's encoding. Implementations must reject results that
 * are the neutral element (for X25519: an all-zero output) with {@link SphinxException.Kind#BAD_KEY}.
 */
public interface SphinxNike {

    /** The scheme name as the reference spells it (e.g. {@code x25519}). */
    String name();

    int publicKeySize();

    int privateKeySize();

    /** A fresh private key: exactly {@link #privateKeySize()} bytes read from {@code rng}. */
    byte[] generatePrivateKey(SecureRandom rng);

    /** The public key of {@code privateKey}. */
    byte[] publicKey(byte[] privateKey) throws SphinxException;

    /** The shared secret of a private and a public key. */
    byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws SphinxException;

    /** The blinding factor the reference derives from the 32-byte KDF seed (a private key drawn from ChaCha20(seed)). */
    byte[] blindingFactor(byte[] seed);

    /** {@code publicKey} blinded (exponentiated) by {@code blindingFactor}. */
    byte[] blind(byte[] publicKey, byte[] blindingFactor) throws SphinxException;
}
