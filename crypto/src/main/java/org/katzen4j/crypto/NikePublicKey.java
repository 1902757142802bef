package org.katzen4j.crypto;

/**
 * A public key of a {@link NikeScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link NikeScheme#publicKeyFromBytes}).
 */
public final class NikePublicKey extends PublicKeyBytes implements PublicKeyMaterial {
    private final NikeScheme scheme;

    NikePublicKey(NikeScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public NikeScheme scheme() {
        return scheme;
    }
}
