package org.katzen4j.sphinx;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 16-byte identifier of a SURB: chosen by the sender, carried in the terminal hop's
 * SURBReply command, and returned by the gateway with the reply (MessageACK). Usable as a map key.
 */
public final class SurbId {
    public static final int LENGTH = 16;
    private final byte[] id;

    private SurbId(byte[] id) {
        this.id = id;
    }

    public static SurbId of(byte[] id) {
        if (id.length != LENGTH) {
            throw new IllegalArgumentException("SURB id must be 16 bytes, got " + id.length);
        }
        return new SurbId(id.clone());
    }

    public static SurbId random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new SurbId(b);
    }

    public byte[] bytes() {
        return id.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurbId s && Arrays.equals(id, s.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(id);
    }
}
