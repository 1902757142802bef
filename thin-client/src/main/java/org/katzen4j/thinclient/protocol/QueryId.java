package org.katzen4j.thinclient.protocol;

import java.security.SecureRandom;

/** A 16-byte query id correlating a channel request with its reply. */
public final class QueryId extends FixedBytes {
    public static final int LENGTH = 16;

    private QueryId(byte[] b) {
        super(b, LENGTH, "query id");
    }

    /** Exactly 16 bytes. */
    public static QueryId of(byte[] bytes) {
        return new QueryId(bytes);
    }

    /** As Go decodes into a [16]byte: a shorter or longer byte string is zero-padded or truncated. */
    static QueryId fromWire(byte[] bytes) {
        return new QueryId(fitLength(bytes, LENGTH));
    }

    public static QueryId random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new QueryId(b);
    }
}
