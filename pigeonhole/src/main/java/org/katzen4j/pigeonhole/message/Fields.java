package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/** Shared field checks and readers for the trunnel layouts (big-endian integers, explicit lengths). */
final class Fields {
    static final int BOX_ID_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;
    static final int HASH_SIZE = 32;
    static final int DEK_SIZE = 60;

    private Fields() {}

    static byte[] fixed(byte[] b, int size, String what) {
        if (b == null || b.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes");
        }
        return b.clone();
    }

    static byte[] bounded(byte[] b, long max, String what) {
        if (b == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (b.length > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " bytes");
        }
        return b.clone();
    }

    static int u8(int v, String what) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(what + " must fit in one byte");
        }
        return v;
    }

    /** Reads a u32 length field followed by that many bytes, never allocating beyond what is present. */
    static byte[] u32Bytes(ByteReader r, String what) throws DecodeException {
        long n = r.u32(what + " length");
        if (n > r.remaining()) {
            throw new DecodeException("truncated " + what + ": length " + n + ", have " + r.remaining());
        }
        return r.bytes((int) n, what);
    }

    static byte[] u16Bytes(ByteReader r, String what) throws DecodeException {
        int n = r.u16(what + " length");
        return r.bytes(n, what);
    }

    static int discriminator(ByteReader r, String what) throws DecodeException {
        int t = r.u8(what);
        if (t > 1) {
            throw new DecodeException(what + " must be 0 or 1, got " + t);
        }
        return t;
    }
}
