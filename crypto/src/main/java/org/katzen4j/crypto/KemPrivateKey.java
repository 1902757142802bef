package org.katzen4j.crypto;

/**
 * A private key of a {@link KemScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class KemPrivateKey extends KeyBytes implements PrivateKeyMaterial {
    private final KemScheme scheme;
    private final KemPublicKey publicKey;
    private volatile boolean destroyed;

    KemPrivateKey(KemScheme scheme, byte[] bytes, KemPublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public KemScheme scheme() {
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
    public KemPublicKey publicKey() {
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
        return "KemPrivateKey[" + schemeName() + (destroyed ? ", closed]" : "]");
    }
}
