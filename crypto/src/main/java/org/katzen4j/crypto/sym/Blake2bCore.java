package org.katzen4j.crypto.sym;

import java.util.Arrays;

/**
 * RFC 7693 BLAKE2b with a caller-supplied 64-byte parameter block. BouncyCastle's digest only exposes
 * digest length, key, salt and personalisation; BLAKE2X also needs the node-offset, XOF-length,
 * leaf-length and inner-length fields.
 */
final class Blake2bCore {
    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
    };
    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}
    };

    private final long[] h = new long[8];
    private final byte[] buf = new byte[128];
    private int bufLen;
    private long t0;
    private long t1;
    private final long[] m = new long[16];
    private final long[] v = new long[16];

    /** Starts a hash with the given parameter block; a non-empty key is processed as the first block. */
    Blake2bCore(byte[] param, byte[] key) {
        for (int i = 0; i < 8; i++) {
            h[i] = IV[i] ^ le64(param, i * 8);
        }
        if (key != null && key.length > 0) {
            System.arraycopy(key, 0, buf, 0, key.length);
            bufLen = 128;
        }
    }

    void update(byte[] in, int off, int len) {
        while (len > 0) {
            if (bufLen == 128) {
                increment(128);
                compress(buf, 0, false);
                bufLen = 0;
            }
            int n = Math.min(len, 128 - bufLen);
            System.arraycopy(in, off, buf, bufLen, n);
            bufLen += n;
            off += n;
            len -= n;
        }
    }

    /** Finishes and returns the first {@code outLen} bytes of the chaining value. */
    byte[] finish(int outLen) {
        increment(bufLen);
        Arrays.fill(buf, bufLen, 128, (byte) 0);
        compress(buf, 0, true);
        byte[] out = new byte[64];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                out[i * 8 + j] = (byte) (h[i] >>> (8 * j));
            }
        }
        Arrays.fill(buf, (byte) 0);
        return Arrays.copyOf(out, outLen);
    }

    private void increment(int n) {
        long old = t0;
        t0 += n;
        if (Long.compareUnsigned(t0, old) < 0) {
            t1++;
        }
    }

    private void compress(byte[] block, int off, boolean last) {
        for (int i = 0; i < 16; i++) {
            m[i] = le64(block, off + i * 8);
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= t0;
        v[13] ^= t1;
        if (last) {
            v[14] = ~v[14];
        }
        for (int r = 0; r < 12; r++) {
            byte[] s = SIGMA[r % 10];
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private void g(int a, int b, int c, int d, long x, long y) {
        v[a] = v[a] + v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }

    private static long le64(byte[] b, int off) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (b[off + i] & 0xffL);
        }
        return r;
    }
}
