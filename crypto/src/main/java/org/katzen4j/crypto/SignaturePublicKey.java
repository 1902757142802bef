package org.katzen4j.crypto;

import java.util.Arrays;

/**
 * A public key of a {@link SignatureScheme}. Only the scheme creates instances, after checking the
 * encoding ({@link SignatureScheme#publicKeyFromBytes}).
 */
public final class SignaturePublicKey extends KeyBytes implements PublicKeyMaterial {
    private final SignatureScheme scheme;

    SignaturePublicKey(SignatureScheme scheme, byte[] bytes) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
    }

    public SignatureScheme scheme() {
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
        return o instanceof SignaturePublicKey k && sameBytes(k);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw());
    }

    @Override
    public String toString() {
        return publicDescription("SignaturePublicKey");
    }
}
