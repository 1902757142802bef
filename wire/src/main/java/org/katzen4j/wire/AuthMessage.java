package org.katzen4j.wire;

import java.util.Arrays;

/**
 * The handshake payload each side sends with its static key (260 bytes):
 *
 * <pre>
 *   0      1                      256          260
 *   | len  | additional data, zero-padded | unixTime BE32 |
 * </pre>
 *
 * A gateway's additional data is BLAKE2b-256 of its identity key and its time is "now"; a client's
 * is its 32-byte queue ID (kpclientd: lowercase hex of 16 random bytes) and its time is 0.
 */
public record AuthMessage(byte[] additionalData, long unixTime) {
    public static final int MAX_ADDITIONAL_DATA = 255;
    public static final int LENGTH = 1 + MAX_ADDITIONAL_DATA + 4;

    public AuthMessage {
        if (additionalData.length > MAX_ADDITIONAL_DATA) {
            throw new IllegalArgumentException("additional data longer than 255 bytes");
        }
        if (unixTime < 0 || unixTime > 0xffffffffL) {
            throw new IllegalArgumentException("unix time out of uint32 range");
        }
        additionalData = additionalData.clone();
    }

    @Override
    public byte[] additionalData() {
        return additionalData.clone();
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        out[0] = (byte) additionalData.length;
        System.arraycopy(additionalData, 0, out, 1, additionalData.length);
        out[256] = (byte) (unixTime >>> 24);
        out[257] = (byte) (unixTime >>> 16);
        out[258] = (byte) (unixTime >>> 8);
        out[259] = (byte) unixTime;
        return out;
    }

    /**
     * Parses the peer's payload. Like the reference, bytes after the stated AD length are not
     * checked (they are authenticated by the handshake anyway); the length must be exactly 260.
     */
    public static AuthMessage decode(byte[] b) throws HandshakeException {
        if (b.length != LENGTH) {
            throw new HandshakeException("authentication payload is " + b.length + " bytes, want " + LENGTH);
        }
        int len = b[0] & 0xff;
        long t = ((long) (b[256] & 0xff) << 24) | ((b[257] & 0xff) << 16) | ((b[258] & 0xff) << 8) | (b[259] & 0xff);
        return new AuthMessage(Arrays.copyOfRange(b, 1, 1 + len), t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthMessage a && unixTime == a.unixTime && Arrays.equals(additionalData, a.additionalData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(additionalData) * 31 + Long.hashCode(unixTime);
    }

    @Override
    public String toString() {
        return "AuthMessage[ad=" + additionalData.length + " bytes, unixTime=" + unixTime + "]";
    }
}
