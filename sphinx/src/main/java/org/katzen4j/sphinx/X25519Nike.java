package org.katzen4j.sphinx;

import org.katzen4j.crypto.Schemes;

/** The reference's hpqc {@code x25519} NIKE for Sphinx: the crypto module's X25519 (32-byte raw keys). */
public final class X25519Nike extends CryptoNike {
    public static final String NAME = "x25519";
    public static final int KEY_SIZE = 32;
    private static final X25519Nike INSTANCE = new X25519Nike();

    private X25519Nike() {
        super(Schemes.X25519);
    }

    public static X25519Nike instance() {
        return INSTANCE;
    }
}
