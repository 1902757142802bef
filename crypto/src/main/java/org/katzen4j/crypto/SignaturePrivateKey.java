package org.katzen4j.crypto;

/**
 * A private key of a {@link SignatureScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class SignaturePrivateKey extends PrivateKeyBytes implements PrivateKeyMaterial {
    private final SignatureScheme scheme;
    private final SignaturePublicKey publicKey;

    SignaturePrivateKey(SignatureScheme scheme, byte[] bytes, SignaturePublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    @Override
    public SignaturePublicKey publicKey() {
        return publicKey;
    }
}
