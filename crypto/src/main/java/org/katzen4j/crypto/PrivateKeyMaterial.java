package org.katzen4j.crypto;

/**
 * A private key of some hpqc scheme. Holds secret bytes: {@link #close()} overwrites them with zeros,
 * after which every accessor throws {@link IllegalStateException}. {@code toString()} never shows
 * key material.
 */
public sealed interface PrivateKeyMaterial extends AutoCloseable permits NikePrivateKey, KemPrivateKey, SignaturePrivateKey {
    String schemeName();

    /** A copy of the raw private key bytes in hpqc's encoding. The caller should wipe it. */
    byte[] encoded();

    int size();

    PublicKeyMaterial publicKey();

    /** hpqc PEM: {@code -----BEGIN <NAME> PRIVATE KEY-----}. */
    String toPem();

    boolean isDestroyed();

    /** Wipes the secret bytes. Idempotent. */
    @Override
    void close();
}
