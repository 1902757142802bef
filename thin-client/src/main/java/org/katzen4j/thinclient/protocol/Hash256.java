package org.katzen4j.thinclient.protocol;

import java.security.SecureRandom;

/** A 32-byte hash: a service node's destination id hash or an envelope hash. */
public final class Hash256 extends FixedBytes {
    public static final int LENGTH = 32;

    private Hash256(byte[] b) {
        super(b, LENGTH, "hash");
    }

    /** Exactly 32 bytes. */
    public static Hash256 of(byte[] bytes) {
        return new Hash256(bytes);
    }

    /** As Go decodes into a [32]byte: a shorter or longer byte string is zero-padded or truncated. */
    static Hash256 fromWire(byte[] bytes) {
        return new Hash256(fitLength(bytes, LENGTH));
    }

    public static Hash256 random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new Hash256(b);
    }
}
