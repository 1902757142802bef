package org.katzen4j.crypto;

/**
 * A public key of a {@link SignatureScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link SignatureScheme#publicKeyFromBytes}).
 */
public final class SignaturePublicKey extends PublicKeyBytes implements PublicKeyMaterial {
    private final SignatureScheme scheme;

    SignaturePublicKey(SignatureScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public SignatureScheme scheme() {
        return scheme;
    }
}
