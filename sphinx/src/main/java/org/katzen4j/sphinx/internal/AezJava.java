package org.katzen4j.sphinx.internal;

import java.util.Arrays;

/**
 * The pure-Java AEZ v5 (Hoang, Krovetz, Rogaway), the fallback of {@link Aez} when the native
 * AES-NI library ({@link AezNative}) is not there. As the Sphinx payload SPRP: authenticator length τ = 0,
 * no associated data, 48-byte key used directly as I ‖ J ‖ L. With τ = 0 the scheme is a
 * length-preserving tweakable wide-block cipher over the whole payload, keyed by (key, nonce).
 *
 * <p>Only AEZ-core (messages of at least 32 bytes) and AEZ-tiny (1..31 bytes) are implemented;
 * the empty message is returned unchanged. The AES round function is table based (not constant
 * time), like the reference's portable fallback.
 *
 * <p>Notation below: E(0,k) = AES4(0, I·2, L·k), E(j,i) = AES4(J·2^(j-1), I·2^⌈i/8⌉, L·(i mod 8)),
 * E(-1,k) = AES10 after xoring L·k.
 */
public final class AezJava {
    public static final int KEY_LENGTH = 48;
    private static final int B = 16;

    private final byte[] i1;      // I
    private final byte[] i2;      // 2I
    private final byte[] j1;      // J
    private final byte[] j2;      // 2J
    private final byte[] j4;      // 4J
    private final byte[][] l = new byte[8][]; // 0L .. 7L
    private final int[] rk4;      // J, I, L, 0
    // the same values as big-endian int words, computed once per key for AEZ-core
    private final int[] wI1;
    private final int[] wI2;
    private final int[] wJ1;
    private final int[] wJ2;
    private final int[][] wL = new int[8][];
    private final int[] rk10;     // I, J, L, I, J, L, I, J, L, I
    private static final byte[] ZERO = new byte[B];

    /** @param key exactly 48 bytes */
    public AezJava(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AEZ key must be 48 bytes, got " + key.length);
        }
        i1 = Arrays.copyOfRange(key, 0, 16);
        j1 = Arrays.copyOfRange(key, 16, 32);
        byte[] lk = Arrays.copyOfRange(key, 32, 48);
        i2 = dbl(i1);
        j2 = dbl(j1);
        j4 = dbl(j2);
        l[0] = new byte[B];
        l[1] = lk;
        l[2] = dbl(lk);
        l[3] = xor(l[2], l[1]);
        l[4] = dbl(l[2]);
        l[5] = xor(l[4], l[1]);
        l[6] = dbl(l[3]);
        l[7] = xor(l[6], l[1]);
        rk4 = new int[16];
        load(j1, rk4, 0);
        load(i1, rk4, 4);
        load(lk, rk4, 8);
        rk10 = new int[40];
        byte[][] order = {i1, j1, lk};
        for (int r = 0; r < 10; r++) {
            load(order[r % 3], rk10, 4 * r);
        }
        wI1 = ints(i1);
        wI2 = ints(i2);
        wJ1 = ints(j1);
        wJ2 = ints(j2);
        for (int q = 0; q < 8; q++) {
            wL[q] = ints(l[q]);
        }
    }

    /** Encrypts {@code msg} (τ = 0, no AD) under this key and {@code nonce}. Returns a new array. */
    public byte[] encrypt(byte[] nonce, byte[] msg) {
        return cipher(nonce, msg, 0);
    }

    /** Inverse of {@link #encrypt}. */
    public byte[] decrypt(byte[] nonce, byte[] msg) {
        return cipher(nonce, msg, 1);
    }

    /** One-shot encryption. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] msg) {
        AezJava a = new AezJava(key);
        try {
            return a.encrypt(nonce, msg);
        } finally {
            a.wipe();
        }
    }

    /** One-shot decryption. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] msg) {
        AezJava a = new AezJava(key);
        try {
            return a.decrypt(nonce, msg);
        } finally {
            a.wipe();
        }
    }

    /** Overwrites all key-derived state. */
    public void wipe() {
        Arrays.fill(i1, (byte) 0);
        Arrays.fill(i2, (byte) 0);
        Arrays.fill(j1, (byte) 0);
        Arrays.fill(j2, (byte) 0);
        Arrays.fill(j4, (byte) 0);
        for (byte[] b : l) {
            Arrays.fill(b, (byte) 0);
        }
        Arrays.fill(rk4, 0);
        Arrays.fill(rk10, 0);
        Arrays.fill(wI1, 0);
        Arrays.fill(wI2, 0);
        Arrays.fill(wJ1, 0);
        Arrays.fill(wJ2, 0);
        for (int[] w : wL) {
            Arrays.fill(w, 0);
        }
    }

    private byte[] cipher(byte[] nonce, byte[] msg, int d) {
        byte[] delta = hash(nonce);
        byte[] out = new byte[msg.length];
        if (msg.length == 0) {
            return out;
        }
        if (msg.length < 32) {
            tiny(delta, msg, d, out);
        } else {
            core(delta, msg, d, out);
        }
        return out;
    }

    // ------------------------------------------------------------------ AEZ-hash (τ = 0, AD = ())

    private byte[] hash(byte[] nonce) {
        byte[] sum = new byte[B];
        byte[] tmp = new byte[B];
        // tau block: 32-bit big-endian bit length of tau (0) in the last four bytes
        aes4(xor(j1, j2), i2, l[1], new byte[B], 0, sum, 0);
        byte[] ii = i2.clone();
        int n = nonce.length;
        int off = 0;
        int i = 1;
        for (; n - off >= B; i++, off += B) {
            aes4(j4, ii, l[i % 8], nonce, off, tmp, 0);
            xorInto(sum, 0, tmp, 0);
            if (i % 8 == 0) {
                dblInPlace(ii);
            }
        }
        if (n - off > 0 || n == 0) {
            byte[] p = pad(nonce, off, n - off);
            aes4(j4, i1, l[0], p, 0, tmp, 0);
            xorInto(sum, 0, tmp, 0);
        }
        return sum;
    }

    // ------------------------------------------------------------------ AEZ-core
    //
    // Blocks are handled as four big-endian ints. Pass 1 turns each 32-byte pair (M, M') into
    // W = M ^ E(1,i)(M'), X_i = M' ^ E(0,0)(W); pass 2 turns (W, X_i) into the output pair using
    // S = S_x ^ S_y computed from the last two blocks; see the AEZ v5 specification.

    private void core(byte[] delta, byte[] in, int d, byte[] out) {
        int n = in.length;
        int frag = n % 32;
        int pairsEnd = n - frag - 32;
        int[] t = new int[4];
        int[] ii = wI2.clone();
        int[] iOne = wI1;
        int[] jOne = wJ1;
        int[] jTwo = wJ2;
        int[][] lw = wL;
        int x0 = 0, x1 = 0, x2 = 0, x3 = 0;
        for (int off = 0, i = 1; off < pairsEnd; off += 32, i++) {
            int[] li = lw[i % 8];
            e4(jOne[0] ^ ii[0] ^ li[0], jOne[1] ^ ii[1] ^ li[1], jOne[2] ^ ii[2] ^ li[2], jOne[3] ^ ii[3] ^ li[3],
                    word(in, off + 16), word(in, off + 20), word(in, off + 24), word(in, off + 28), t);
            int w0 = word(in, off) ^ t[0], w1 = word(in, off + 4) ^ t[1];
            int w2 = word(in, off + 8) ^ t[2], w3 = word(in, off + 12) ^ t[3];
            put(w0, out, off);
            put(w1, out, off + 4);
            put(w2, out, off + 8);
            put(w3, out, off + 12);
            e4(iOne[0], iOne[1], iOne[2], iOne[3], w0, w1, w2, w3, t);
            int y0 = word(in, off + 16) ^ t[0], y1 = word(in, off + 20) ^ t[1];
            int y2 = word(in, off + 24) ^ t[2], y3 = word(in, off + 28) ^ t[3];
            put(y0, out, off + 16);
            put(y1, out, off + 20);
            put(y2, out, off + 24);
            put(y3, out, off + 28);
            x0 ^= y0;
            x1 ^= y1;
            x2 ^= y2;
            x3 ^= y3;
            if (i % 8 == 0) {
                dblInts(ii);
            }
        }
        byte[] x = new byte[B];
        put(x0, x, 0);
        put(x1, x, 4);
        put(x2, x, 8);
        put(x3, x, 12);
        byte[] y = new byte[B];
        byte[] tmp = new byte[B];
        int fo = pairsEnd;
        if (frag >= B) {
            aes4(ZERO, i2, l[4], in, fo, tmp, 0);
            xorInto(x, 0, tmp, 0);
            aes4(ZERO, i2, l[5], pad(in, fo + B, frag - B), 0, tmp, 0);
            xorInto(x, 0, tmp, 0);
        } else if (frag > 0) {
            aes4(ZERO, i2, l[4], pad(in, fo, frag), 0, tmp, 0);
            xorInto(x, 0, tmp, 0);
        }
        int lo = n - 32;
        byte[] sx = new byte[B];
        byte[] sy = new byte[B];
        aes4(ZERO, i2, l[(1 + d) % 8], in, lo + B, tmp, 0);
        for (int q = 0; q < B; q++) {
            sx[q] = (byte) (in[lo + q] ^ x[q] ^ delta[q] ^ tmp[q]);
        }
        aes10(l[(1 + d) % 8], sx, 0, tmp, 0);
        xor(in, lo + B, tmp, 0, sy, 0);
        byte[] s = xor(sx, sy);

        int[] sw = ints(s);
        int ya = 0, yb = 0, yc = 0, yd = 0;
        System.arraycopy(wI2, 0, ii, 0, 4);
        for (int off = 0, i = 1; off < pairsEnd; off += 32, i++) {
            int[] li = lw[i % 8];
            e4(jTwo[0] ^ ii[0] ^ li[0], jTwo[1] ^ ii[1] ^ li[1], jTwo[2] ^ ii[2] ^ li[2], jTwo[3] ^ ii[3] ^ li[3],
                    sw[0], sw[1], sw[2], sw[3], t);
            int w0 = word(out, off) ^ t[0], w1 = word(out, off + 4) ^ t[1];
            int w2 = word(out, off + 8) ^ t[2], w3 = word(out, off + 12) ^ t[3];
            int v0 = word(out, off + 16) ^ t[0], v1 = word(out, off + 20) ^ t[1];
            int v2 = word(out, off + 24) ^ t[2], v3 = word(out, off + 28) ^ t[3];
            ya ^= w0;
            yb ^= w1;
            yc ^= w2;
            yd ^= w3;
            e4(iOne[0], iOne[1], iOne[2], iOne[3], v0, v1, v2, v3, t);
            w0 ^= t[0];
            w1 ^= t[1];
            w2 ^= t[2];
            w3 ^= t[3];
            e4(jOne[0] ^ ii[0] ^ li[0], jOne[1] ^ ii[1] ^ li[1], jOne[2] ^ ii[2] ^ li[2], jOne[3] ^ ii[3] ^ li[3],
                    w0, w1, w2, w3, t);
            v0 ^= t[0];
            v1 ^= t[1];
            v2 ^= t[2];
            v3 ^= t[3];
            // output pair is (V, W): the two halves swap places
            put(v0, out, off);
            put(v1, out, off + 4);
            put(v2, out, off + 8);
            put(v3, out, off + 12);
            put(w0, out, off + 16);
            put(w1, out, off + 20);
            put(w2, out, off + 24);
            put(w3, out, off + 28);
            if (i % 8 == 0) {
                dblInts(ii);
            }
        }
        put(ya, y, 0);
        put(yb, y, 4);
        put(yc, y, 8);
        put(yd, y, 12);
        if (frag >= B) {
            aes10(l[4], s, 0, tmp, 0);
            xor(in, fo, tmp, 0, out, fo);
            aes4(ZERO, i2, l[4], out, fo, tmp, 0);
            xorInto(y, 0, tmp, 0);
            int rest = frag - B;
            aes10(l[5], s, 0, tmp, 0);
            for (int q = 0; q < rest; q++) {
                out[fo + B + q] = (byte) (in[fo + B + q] ^ tmp[q]);
            }
            aes4(ZERO, i2, l[5], pad(out, fo + B, rest), 0, tmp, 0);
            xorInto(y, 0, tmp, 0);
        } else if (frag > 0) {
            aes10(l[4], s, 0, tmp, 0);
            for (int q = 0; q < frag; q++) {
                out[fo + q] = (byte) (in[fo + q] ^ tmp[q]);
            }
            aes4(ZERO, i2, l[4], pad(out, fo, frag), 0, tmp, 0);
            xorInto(y, 0, tmp, 0);
        }
        int k2 = (2 - d) % 8;
        aes10(l[k2], sy, 0, tmp, 0);
        byte[] cx = xor(sx, tmp);
        aes4(ZERO, i2, l[k2], cx, 0, tmp, 0);
        for (int q = 0; q < B; q++) {
            out[lo + q] = (byte) (tmp[q] ^ sy[q] ^ delta[q] ^ y[q]);
        }
        System.arraycopy(cx, 0, out, lo + B, B);
        Arrays.fill(x, (byte) 0);
        Arrays.fill(y, (byte) 0);
        Arrays.fill(s, (byte) 0);
        Arrays.fill(sx, (byte) 0);
        Arrays.fill(sy, (byte) 0);
        Arrays.fill(tmp, (byte) 0);
        Arrays.fill(sw, 0);
        Arrays.fill(t, 0);
        Arrays.fill(ii, 0);
    }

    private static int[] ints(byte[] b) {
        return new int[] {word(b, 0), word(b, 4), word(b, 8), word(b, 12)};
    }

    /** Doubling in GF(2^128) on the big-endian int form. */
    private static void dblInts(int[] v) {
        int carry = v[0] >>> 31;
        v[0] = (v[0] << 1) | (v[1] >>> 31);
        v[1] = (v[1] << 1) | (v[2] >>> 31);
        v[2] = (v[2] << 1) | (v[3] >>> 31);
        v[3] = (v[3] << 1) ^ (-carry & 0x87);
    }

    /** out = AES4 rounds on (k ^ s) with round keys J, I, L, 0. */
    private void e4(int k0, int k1, int k2, int k3, int s0, int s1, int s2, int s3, int[] out) {
        roundsInts(s0 ^ k0, s1 ^ k1, s2 ^ k2, s3 ^ k3, rk4, 4, out);
    }

    // ------------------------------------------------------------------ AEZ-tiny (1..31 bytes)

    private void tiny(byte[] delta, byte[] in, int d, byte[] out) {
        int n = in.length;
        int rounds;
        int k = 7;
        if (n == 1) {
            rounds = 24;
        } else if (n == 2) {
            rounds = 16;
        } else if (n < 16) {
            rounds = 10;
        } else {
            rounds = 8;
            k = 6;
        }
        int half = (n + 1) / 2;   // bytes holding each half (the middle nibble is shared when n is odd)
        byte[] left = new byte[B];
        byte[] right = new byte[B];
        byte[] buf = new byte[2 * B];
        byte[] tmp = new byte[B];
        System.arraycopy(in, 0, left, 0, half);
        System.arraycopy(in, n / 2, right, 0, half);
        int mask = 0x00;
        int padByte = 0x80;
        boolean odd = (n & 1) != 0;
        if (odd) {
            for (int q = 0; q < n / 2; q++) {
                right[q] = (byte) ((right[q] << 4) | ((right[q + 1] & 0xff) >>> 4));
            }
            right[n / 2] = (byte) (right[n / 2] << 4);
            padByte = 0x08;
            mask = 0xf0;
        }
        int j;
        int step;
        if (d != 0) {
            if (n < 16) {
                Arrays.fill(buf, 0, B, (byte) 0);
                System.arraycopy(in, 0, buf, 0, n);
                buf[0] |= (byte) 0x80;
                xorInto(buf, 0, delta, 0);
                aes4(ZERO, i2, l[3], buf, 0, tmp, 0);
                left[0] ^= (byte) (tmp[0] & 0x80);
            }
            j = rounds - 1;
            step = -1;
        } else {
            j = 0;
            step = 1;
        }
        for (int r = 0; r < rounds / 2; r++, j += 2 * step) {
            feistelInput(right, half, n, mask, padByte, delta, buf, j);
            aes4(ZERO, i2, l[k], buf, 0, tmp, 0);
            xorInto(left, 0, tmp, 0);
            feistelInput(left, half, n, mask, padByte, delta, buf, j + step);
            aes4(ZERO, i2, l[k], buf, 0, tmp, 0);
            xorInto(right, 0, tmp, 0);
        }
        Arrays.fill(buf, (byte) 0);
        System.arraycopy(right, 0, buf, 0, n / 2);
        System.arraycopy(left, 0, buf, n / 2, half);
        if (odd) {
            for (int q = n - 1; q > n / 2; q--) {
                buf[q] = (byte) (((buf[q] & 0xff) >>> 4) | (buf[q - 1] << 4));
            }
            buf[n / 2] = (byte) (((left[0] & 0xff) >>> 4) | (right[n / 2] & 0xf0));
        }
        System.arraycopy(buf, 0, out, 0, n);
        if (n < 16 && d == 0) {
            Arrays.fill(buf, n, B, (byte) 0);
            buf[0] |= (byte) 0x80;
            xorInto(buf, 0, delta, 0);
            aes4(ZERO, i2, l[3], buf, 0, tmp, 0);
            out[0] ^= (byte) (tmp[0] & 0x80);
        }
        Arrays.fill(left, (byte) 0);
        Arrays.fill(right, (byte) 0);
        Arrays.fill(buf, (byte) 0);
        Arrays.fill(tmp, (byte) 0);
    }

    private static void feistelInput(byte[] half, int halfLen, int n, int mask, int padByte, byte[] delta,
                                     byte[] buf, int j) {
        Arrays.fill(buf, 0, B, (byte) 0);
        System.arraycopy(half, 0, buf, 0, halfLen);
        buf[n / 2] = (byte) ((buf[n / 2] & mask) | padByte);
        xorInto(buf, 0, delta, 0);
        buf[15] ^= (byte) j;
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] pad(byte[] src, int off, int len) {
        byte[] p = new byte[B];
        System.arraycopy(src, off, p, 0, len);
        p[len] = (byte) 0x80;
        return p;
    }

    private static void swap(byte[] b, int off) {
        for (int k = 0; k < B; k++) {
            byte t = b[off + k];
            b[off + k] = b[off + B + k];
            b[off + B + k] = t;
        }
    }

    static byte[] dbl(byte[] x) {
        byte[] r = x.clone();
        dblInPlace(r);
        return r;
    }

    private static void dblInPlace(byte[] p) {
        int carry = (p[0] & 0xff) >>> 7;
        for (int k = 0; k < 15; k++) {
            p[k] = (byte) ((p[k] << 1) | ((p[k + 1] & 0xff) >>> 7));
        }
        p[15] = (byte) ((p[15] << 1) ^ (-carry & 0x87));
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[B];
        for (int k = 0; k < B; k++) {
            r[k] = (byte) (a[k] ^ b[k]);
        }
        return r;
    }

    private static void xor(byte[] a, int ao, byte[] b, int bo, byte[] dst, int dOff) {
        for (int k = 0; k < B; k++) {
            dst[dOff + k] = (byte) (a[ao + k] ^ b[bo + k]);
        }
    }

    private static void xorInto(byte[] dst, int dOff, byte[] src, int sOff) {
        for (int k = 0; k < B; k++) {
            dst[dOff + k] ^= src[sOff + k];
        }
    }

    private static void load(byte[] b, int[] dst, int off) {
        for (int w = 0; w < 4; w++) {
            dst[off + w] = word(b, 4 * w);
        }
    }

    private static int word(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    /** dst = AES4 rounds (keys J, I, L, 0) applied to src ^ a ^ b ^ c. */
    private void aes4(byte[] a, byte[] b, byte[] c, byte[] src, int so, byte[] dst, int dOff) {
        int s0 = word(src, so) ^ word(a, 0) ^ word(b, 0) ^ word(c, 0);
        int s1 = word(src, so + 4) ^ word(a, 4) ^ word(b, 4) ^ word(c, 4);
        int s2 = word(src, so + 8) ^ word(a, 8) ^ word(b, 8) ^ word(c, 8);
        int s3 = word(src, so + 12) ^ word(a, 12) ^ word(b, 12) ^ word(c, 12);
        rounds(s0, s1, s2, s3, rk4, 4, dst, dOff);
    }

    /** dst = AES10 rounds (keys I, J, L, I, …) applied to src ^ k. */
    private void aes10(byte[] k, byte[] src, int so, byte[] dst, int dOff) {
        int s0 = word(src, so) ^ word(k, 0);
        int s1 = word(src, so + 4) ^ word(k, 4);
        int s2 = word(src, so + 8) ^ word(k, 8);
        int s3 = word(src, so + 12) ^ word(k, 12);
        rounds(s0, s1, s2, s3, rk10, 10, dst, dOff);
    }

    /** Full AES rounds (SubBytes, ShiftRows, MixColumns, AddRoundKey), no initial key addition. */
    private static void rounds(int s0, int s1, int s2, int s3, int[] keys, int n, byte[] dst, int dOff) {
        for (int r = 0; r < n; r++) {
            int o = 4 * r;
            int t0 = T0[s0 >>> 24] ^ T1[(s1 >>> 16) & 0xff] ^ T2[(s2 >>> 8) & 0xff] ^ T3[s3 & 0xff] ^ keys[o];
            int t1 = T0[s1 >>> 24] ^ T1[(s2 >>> 16) & 0xff] ^ T2[(s3 >>> 8) & 0xff] ^ T3[s0 & 0xff] ^ keys[o + 1];
            int t2 = T0[s2 >>> 24] ^ T1[(s3 >>> 16) & 0xff] ^ T2[(s0 >>> 8) & 0xff] ^ T3[s1 & 0xff] ^ keys[o + 2];
            int t3 = T0[s3 >>> 24] ^ T1[(s0 >>> 16) & 0xff] ^ T2[(s1 >>> 8) & 0xff] ^ T3[s2 & 0xff] ^ keys[o + 3];
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
        }
        put(s0, dst, dOff);
        put(s1, dst, dOff + 4);
        put(s2, dst, dOff + 8);
        put(s3, dst, dOff + 12);
    }

    private static void roundsInts(int s0, int s1, int s2, int s3, int[] keys, int n, int[] out) {
        for (int r = 0; r < n; r++) {
            int o = 4 * r;
            int t0 = T0[s0 >>> 24] ^ T1[(s1 >>> 16) & 0xff] ^ T2[(s2 >>> 8) & 0xff] ^ T3[s3 & 0xff] ^ keys[o];
            int t1 = T0[s1 >>> 24] ^ T1[(s2 >>> 16) & 0xff] ^ T2[(s3 >>> 8) & 0xff] ^ T3[s0 & 0xff] ^ keys[o + 1];
            int t2 = T0[s2 >>> 24] ^ T1[(s3 >>> 16) & 0xff] ^ T2[(s0 >>> 8) & 0xff] ^ T3[s1 & 0xff] ^ keys[o + 2];
            int t3 = T0[s3 >>> 24] ^ T1[(s0 >>> 16) & 0xff] ^ T2[(s1 >>> 8) & 0xff] ^ T3[s2 & 0xff] ^ keys[o + 3];
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    private static void put(int v, byte[] b, int o) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    // ------------------------------------------------------------------ AES tables, computed

    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];

    static {
        int[] sbox = new int[256];
        // walk the multiplicative group with generator 3 to get inverses
        int p = 1;
        int q = 1;
        do {
            p = p ^ ((p << 1) & 0xff) ^ (((p & 0x80) != 0) ? 0x1b : 0); // p *= 3
            q ^= q << 1;                                                 // q /= 3
            q ^= q << 2;
            q ^= q << 4;
            q &= 0xff;
            if ((q & 0x80) != 0) {
                q ^= 0x09;
            }
            int x = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4);
            sbox[p] = (x ^ 0x63) & 0xff;
        } while (p != 1);
        sbox[0] = 0x63;
        for (int v = 0; v < 256; v++) {
            int s = sbox[v];
            int s2 = ((s << 1) ^ (((s & 0x80) != 0) ? 0x11b : 0)) & 0xff;
            int s3 = s2 ^ s;
            int w = (s2 << 24) | (s << 16) | (s << 8) | s3;
            T0[v] = w;
            T1[v] = Integer.rotateRight(w, 8);
            T2[v] = Integer.rotateRight(w, 16);
            T3[v] = Integer.rotateRight(w, 24);
        }
    }

    private static int rotl8(int x, int s) {
        return ((x << s) | (x >>> (8 - s))) & 0xff;
    }
}
