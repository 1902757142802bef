package org.katzen4j.wire.commands;

import java.util.HexFormat;

final class Bytes {
    private Bytes() {}

    static boolean isZero(byte[] b, int off, int len) {
        int acc = 0;
        for (int i = off; i < off + len; i++) {
            acc |= b[i];
        }
        return acc == 0;
    }

    static String describe(byte[] b) {
        return b.length + " bytes";
    }

    static String shortHex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static long checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " out of uint32 range: " + v);
        }
        return v;
    }

    static int checkU8(int v, String what) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " out of uint8 range: " + v);
        }
        return v;
    }

    static void putU32(byte[] out, int off, long v) {
        out[off] = (byte) (v >>> 24);
        out[off + 1] = (byte) (v >>> 16);
        out[off + 2] = (byte) (v >>> 8);
        out[off + 3] = (byte) v;
    }

    static void putU64(byte[] out, int off, long v) {
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
