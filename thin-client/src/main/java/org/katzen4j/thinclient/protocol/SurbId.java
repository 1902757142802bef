package org.katzen4j.thinclient.protocol;

import java.security.SecureRandom;

/** A 16-byte SURB id chosen by the app for a legacy send with reply. */
public final class SurbId extends FixedBytes {
    public static final int LENGTH = 16;

    private SurbId(byte[] b) {
        super(b, LENGTH, "SURB id");
    }

    /** Exactly 16 bytes. */
    public static SurbId of(byte[] bytes) {
        return new SurbId(bytes);
    }

    /** As Go decodes into a [16]byte: a shorter or longer byte string is zero-padded or truncated. */
    static SurbId fromWire(byte[] bytes) {
        return new SurbId(fitLength(bytes, LENGTH));
    }

    public static SurbId random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new SurbId(b);
    }
}
