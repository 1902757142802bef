package org.katzen4j.crypto;

/**
 * A private key of a {@link KemScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class KemPrivateKey extends PrivateKeyBytes implements PrivateKeyMaterial {
    private final KemScheme scheme;
    private final KemPublicKey publicKey;

    KemPrivateKey(KemScheme scheme, byte[] bytes, KemPublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public KemScheme scheme() {
        return scheme;
    }

    @Override
    public KemPublicKey publicKey() {
        return publicKey;
    }
}
