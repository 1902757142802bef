package org.katzen4j.crypto;

/**
 * A private key of a {@link NikeScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class NikePrivateKey extends PrivateKeyBytes implements PrivateKeyMaterial {
    private final NikeScheme scheme;
    private final NikePublicKey publicKey;

    NikePrivateKey(NikeScheme scheme, byte[] bytes, NikePublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public NikeScheme scheme() {
        return scheme;
    }

    @Override
    public NikePublicKey publicKey() {
        return publicKey;
    }
}
