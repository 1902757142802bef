package org.katzen4j.daemon.listener;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The daemon-side identity of one thin-client connection (16 random bytes, never on the wire). */
public final class AppId {
    public static final int LENGTH = 16;

    private final byte[] id;

    private AppId(byte[] id) {
        this.id = id;
    }

    public static AppId random(SecureRandom rng) {
        byte[] b = new byte[LENGTH];
        rng.nextBytes(b);
        return new AppId(b);
    }

    public static AppId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("app id must be 16 bytes");
        }
        return new AppId(bytes.clone());
    }

    public byte[] toByteArray() {
        return id.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppId a && Arrays.equals(id, a.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    /** Short hex form for logs. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(id, 0, 6);
    }
}
