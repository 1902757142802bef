package org.katzen4j.sphinx;

import org.katzen4j.crypto.Schemes;

/** The reference's hpqc {@code x448} NIKE for Sphinx: the crypto module's X448 (56-byte raw keys). */
public final class X448Nike extends CryptoNike {
    public static final String NAME = "x448";
    public static final int KEY_SIZE = 56;
    private static final X448Nike INSTANCE = new X448Nike();

    private X448Nike() {
        super(Schemes.X448);
    }

    public static X448Nike instance() {
        return INSTANCE;
    }
}
