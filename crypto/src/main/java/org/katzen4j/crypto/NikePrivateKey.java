package org.katzen4j.crypto;

/**
 * A private key of a {@link NikeScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class NikePrivateKey extends KeyBytes implements PrivateKeyMaterial {
    private final NikeScheme scheme;
    private final NikePublicKey publicKey;
    private volatile boolean destroyed;

    NikePrivateKey(NikeScheme scheme, byte[] bytes, NikePublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public NikeScheme scheme() {
        return scheme;
    }

    @Override
    byte[] raw() {
        if (destroyed) {
            throw new IllegalStateException(schemeName() + " private key has been closed");
        }
        return super.raw();
    }

    @Override
    public byte[] encoded() {
        return raw().clone();
    }

    @Override
    public NikePublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toPem() {
        return Pem.encodeKey(Pem.privateLabel(schemeName()), raw());
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroyed = true;
        wipe();
    }

    @Override
    public String toString() {
        return "NikePrivateKey[" + schemeName() + (destroyed ? ", closed]" : "]");
    }
}
