package org.katzen4j.thinclient.protocol;

import java.security.SecureRandom;

/** A 16-byte message id (legacy sends, ARQ and channel queries). */
public final class MessageId extends FixedBytes {
    public static final int LENGTH = 16;

    private MessageId(byte[] b) {
        super(b, LENGTH, "message id");
    }

    /** Exactly 16 bytes. */
    public static MessageId of(byte[] bytes) {
        return new MessageId(bytes);
    }

    /** As Go decodes into a [16]byte: a shorter or longer byte string is zero-padded or truncated. */
    static MessageId fromWire(byte[] bytes) {
        return new MessageId(fitLength(bytes, LENGTH));
    }

    public static MessageId random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new MessageId(b);
    }
}
