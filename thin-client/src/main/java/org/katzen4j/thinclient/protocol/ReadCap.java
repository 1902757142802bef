package org.katzen4j.thinclient.protocol;

/**
 * A BACAP read capability as it travels on the thin protocol: 136 bytes (32-byte Ed25519 root
 * public key, then the 104-byte first message box index). Shareable with readers.
 */
public final class ReadCap extends FixedBytes {
    public static final int LENGTH = 136;

    private ReadCap(byte[] b) {
        super(b, LENGTH, "read capability");
    }

    public static ReadCap of(byte[] bytes) {
        return new ReadCap(bytes);
    }
}
