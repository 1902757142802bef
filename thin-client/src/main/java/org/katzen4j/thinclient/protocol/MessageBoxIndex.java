package org.katzen4j.thinclient.protocol;

/**
 * A BACAP message box index as it travels on the thin protocol: 104 bytes (uint64 counter
 * little-endian, blinding factor, encryption key, HKDF state, 32 bytes each).
 */
public final class MessageBoxIndex extends FixedBytes {
    public static final int LENGTH = 104;

    private MessageBoxIndex(byte[] b) {
        super(b, LENGTH, "message box index");
    }

    public static MessageBoxIndex of(byte[] bytes) {
        return new MessageBoxIndex(bytes);
    }

    /** The 64-bit message counter (little-endian in the first 8 bytes), unsigned. */
    public long counter() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }
}
