package org.katzen4j.crypto;

import java.util.Arrays;

/**
 * A public key of a {@link KemScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link KemScheme#publicKeyFromBytes}).
 */
public final class KemPublicKey extends KeyBytes implements PublicKeyMaterial {
    private final KemScheme scheme;

    KemPublicKey(KemScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public KemScheme scheme() {
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
        return o instanceof KemPublicKey k && sameBytes(k);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw());
    }

    @Override
    public String toString() {
        return publicDescription("KemPublicKey");
    }
}
