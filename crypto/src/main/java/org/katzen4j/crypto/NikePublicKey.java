package org.katzen4j.crypto;

import java.util.Arrays;

/**
 * A public key of a {@link NikeScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link NikeScheme#publicKeyFromBytes}).
 */
public final class NikePublicKey extends KeyBytes implements PublicKeyMaterial {
    private final NikeScheme scheme;

    NikePublicKey(NikeScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public NikeScheme scheme() {
        return scheme;
    }

    @Override
    public byte[] encoded() {
        return raw().clone();
    }

    @Override
    public byte[] keyHash() {
        return KeyHash.of(raw());
    }

    @Override
    public String toPem() {
        return Pem.encodeKey(Pem.publicLabel(schemeName()), raw());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NikePublicKey k && sameBytes(k);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw());
    }

    @Override
    public String toString() {
        return publicDescription("NikePublicKey");
    }
}
