package org.katzen4j.thinclient.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A fixed-length byte value of the protocol: ids ({@code [16]byte}), hashes ({@code [32]byte})
 * and the BACAP capability and index blobs. Lengths are checked at construction; arrays are
 * copied in and out.
 */
public abstract sealed class FixedBytes
        permits QueryId, MessageId, SurbId, Hash256, ReadCap, WriteCap, MessageBoxIndex {

    final byte[] bytes;

    FixedBytes(byte[] bytes, int length, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /**
     * Go copies a byte string of the wrong length into a {@code [N]byte} by truncating or
     * zero-padding it; decoders use this to accept what the reference accepts.
     */
    static byte[] fitLength(byte[] in, int length) {
        return in.length == length ? in : Arrays.copyOf(in, length);
    }

    public final byte[] toByteArray() {
        return bytes.clone();
    }

    public final int length() {
        return bytes.length;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes) * 31 + getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
