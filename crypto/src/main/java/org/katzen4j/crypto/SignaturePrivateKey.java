package org.katzen4j.crypto;

/**
 * A private key of a {@link SignatureScheme}, with its public key. AutoCloseable: {@link #close()}
 * wipes the secret bytes. Only the scheme creates instances.
 */
public final class SignaturePrivateKey extends KeyBytes implements PrivateKeyMaterial {
    private final SignatureScheme scheme;
    private final SignaturePublicKey publicKey;
    private volatile boolean destroyed;

    SignaturePrivateKey(SignatureScheme scheme, byte[] bytes, SignaturePublicKey publicKey) {
        super(scheme.name(), bytes);
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public SignatureScheme scheme() {
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
    public SignaturePublicKey publicKey() {
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
        return "SignaturePrivateKey[" + schemeName() + (destroyed ? ", closed]" : "]");
    }
}
