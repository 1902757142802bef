package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Shared plumbing for the key classes: copies, constant-time equality, safe toString. */
abstract class KeyBytes {
    private final String schemeName;
    private final byte[] bytes;

    KeyBytes(String schemeName, byte[] bytes) {
        this.schemeName = schemeName;
        this.bytes = bytes.clone();
    }

    public final String schemeName() {
        return schemeName;
    }

    /** The internal array, no copy: only for scheme implementations in this package. */
    byte[] raw() {
        return bytes;
    }

    public final int size() {
        return bytes.length;
    }

    final void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    final boolean sameBytes(KeyBytes o) {
        return schemeName.equals(o.schemeName) && MessageDigest.isEqual(bytes, o.bytes);
    }

    final String publicDescription(String type) {
        byte[] h = KeyHash.of(bytes);
        return type + "[" + schemeName + ", hash=" + HexFormat.of().formatHex(h, 0, 8) + "…]";
    }
}
