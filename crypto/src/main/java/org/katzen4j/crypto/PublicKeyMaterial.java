package org.katzen4j.crypto;

/**
 * A public key of some hpqc scheme, held as its raw encoding ({@code MarshalBinary} in Go).
 * Immutable; {@link #encoded()} returns a copy.
 */
public sealed interface PublicKeyMaterial permits NikePublicKey, KemPublicKey, SignaturePublicKey {
    /** The hpqc name of the scheme, e.g. {@code XWING}, {@code Ed25519}. */
    String schemeName();

    /** A copy of the raw key bytes. */
    byte[] encoded();

    /** Length of the raw encoding. */
    int size();

    /** hpqc key hash: BLAKE2b-256 of {@link #encoded()}. */
    byte[] keyHash();

    /** hpqc PEM: {@code -----BEGIN <NAME> PUBLIC KEY-----}. */
    String toPem();
}
