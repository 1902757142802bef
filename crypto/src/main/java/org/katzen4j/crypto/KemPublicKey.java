package org.katzen4j.crypto;

/**
 * A public key of a {@link KemScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link KemScheme#publicKeyFromBytes}).
 */
public final class KemPublicKey extends PublicKeyBytes implements PublicKeyMaterial {
    private final KemScheme scheme;

    KemPublicKey(KemScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public KemScheme scheme() {
        return scheme;
    }
}
