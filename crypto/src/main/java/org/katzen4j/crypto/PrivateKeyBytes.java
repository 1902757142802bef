package org.katzen4j.crypto;

/**
 * What the private-key classes share: the secret bytes, wiped by {@link #close()}, after which the
 * key refuses every use that needs them; {@code toString()} names the scheme only.
 */
abstract class PrivateKeyBytes extends KeyBytes {
    private volatile boolean destroyed;

    PrivateKeyBytes(String schemeName, byte[] bytes) {
        super(schemeName, bytes);
    }

    @Override
    final byte[] raw() {
        if (destroyed) {
            throw new IllegalStateException(schemeName() + " private key has been closed");
        }
        return super.raw();
    }

    /** A copy of the raw private key bytes in hpqc's encoding; the caller should wipe it. */
    public final byte[] encoded() {
        return raw().clone();
    }

    /** hpqc PEM: {@code -----BEGIN <NAME> PRIVATE KEY-----}. */
    public final String toPem() {
        return Pem.encodeKey(Pem.privateLabel(schemeName()), raw());
    }

    public final boolean isDestroyed() {
        return destroyed;
    }

    /** Wipes the secret bytes. Idempotent. */
    public final void close() {
        destroyed = true;
        wipe();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + schemeName() + (destroyed ? ", closed]" : "]");
    }
}
