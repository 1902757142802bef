package org.katzen4j.pigeonhole.bacap;

import java.util.Arrays;

/**
 * Arithmetic modulo the Ed25519 group order L = 2^252 + 27742317777372353535851937790883648493.
 *
 * <p>Numbers are held as signed 21-bit limbs in {@code long[]}; 2^252 is exactly limb 12, so a limb at
 * position i &ge; 12 is folded into positions i-12..i-7 using 2^252 &equiv; -c (mod L). Every routine runs
 * the same sequence of operations whatever the values, so secret scalars do not leak through timing.
 * Inputs and outputs are 32-byte little-endian encodings; outputs are always fully reduced.
 */
final class ScalarL {
    static final int BYTES = 32;
    private static final int W = 21;
    private static final long MASK = (1L << W) - 1;
    /** -c written in signed 21-bit limbs: value = sum NEG_C[j] * 2^(21 j). */
    static final long[] NEG_C = {666643, 470296, 654183, -997805, 136657, -683901};
    /** L in 21-bit limbs (13 limbs, top limb 1). */
    private static final long[] L_LIMBS = new long[13];

    static {
        byte[] l = new byte[32];
        // L little-endian
        String hex = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
        for (int i = 0; i < 32; i++) {
            l[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        load(l, L_LIMBS, 13);
    }

    private ScalarL() {}

    /** Reads n limbs of 21 bits from a little-endian byte string; the last limb takes all remaining bits. */
    private static void load(byte[] in, long[] out, int n) {
        int totalBits = in.length * 8;
        for (int i = 0; i < n; i++) {
            int bitOff = i * W;
            int nbits = (i == n - 1) ? totalBits - bitOff : W;
            out[i] = bits(in, bitOff, nbits);
        }
    }

    private static long bits(byte[] in, int bitOff, int nbits) {
        int byteOff = bitOff >>> 3;
        int shift = bitOff & 7;
        long acc = 0;
        for (int k = 0; k < 8 && byteOff + k < in.length; k++) {
            acc |= (in[byteOff + k] & 0xffL) << (8 * k);
        }
        acc >>>= shift;
        return nbits >= 63 ? acc : acc & ((1L << nbits) - 1);
    }

    /** Normalises limbs 0..upto-1 into [0, 2^21) and pushes the carry into limb {@code upto}. */
    private static void carry(long[] s, int upto) {
        for (int j = 0; j < upto; j++) {
            long c = s[j] >> W;
            s[j] -= c << W;
            s[j + 1] += c;
        }
    }

    private static void fold(long[] s, int i) {
        long v = s[i];
        s[i] = 0;
        for (int j = 0; j < NEG_C.length; j++) {
            s[i - 12 + j] += v * NEG_C[j];
        }
    }

    /**
     * Reduces a limb array whose limbs (except possibly the top one) are small; {@code s} must have
     * length n and value below 2^(21 n). Result left in limbs 0..12 (canonical, &lt; L).
     */
    private static byte[] reduceLimbs(long[] s) {
        int n = s.length;
        carry(s, n - 1);
        for (int i = n - 1; i >= 13; i--) {
            carry(s, i);
            fold(s, i);
        }
        // limb 12 and above: fold twice more so the value lies in (-L, 2^253)
        carry(s, 12);
        fold(s, 12);
        carry(s, 12);
        fold(s, 12);
        carry(s, 12);
        // add L so the value is non-negative, then subtract L while the result stays non-negative
        for (int j = 0; j < 13; j++) {
            s[j] += L_LIMBS[j];
        }
        carry(s, 12);
        long[] t = new long[13];
        for (int round = 0; round < 3; round++) {
            for (int j = 0; j < 13; j++) {
                t[j] = s[j] - L_LIMBS[j];
            }
            carry(t, 12);
            long keep = t[12] >> 63; // -1 when t is negative: keep s
            for (int j = 0; j < 13; j++) {
                s[j] = (s[j] & keep) | (t[j] & ~keep);
            }
        }
        byte[] out = store(s);
        Arrays.fill(s, 0);
        Arrays.fill(t, 0);
        return out;
    }

    private static byte[] store(long[] s) {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < 13; i++) {
            long v = s[i];
            int bitOff = i * W;
            for (int b = 0; b < W && bitOff + b < 256; b++) {
                int pos = bitOff + b;
                out[pos >>> 3] |= (byte) (((v >>> b) & 1) << (pos & 7));
            }
        }
        return out;
    }

    /** Reduces a little-endian integer of up to 64 bytes modulo L. */
    static byte[] reduce(byte[] wide) {
        if (wide.length > 64) {
            throw new IllegalArgumentException("at most 64 bytes");
        }
        byte[] in = Arrays.copyOf(wide, 64);
        long[] s = new long[26];
        load(in, s, 25);
        Arrays.fill(in, (byte) 0);
        return reduceLimbs(s);
    }

    private static long[] limbs13(byte[] a) {
        if (a.length != BYTES) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        long[] r = new long[13];
        load(a, r, 13);
        return r;
    }

    /** a * b + c mod L (all 32-byte little-endian, need not be reduced). */
    static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
        long[] x = limbs13(a);
        long[] y = limbs13(b);
        long[] z = limbs13(c);
        long[] p = new long[27];
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 13; j++) {
                p[i + j] += x[i] * y[j];
            }
            p[i] += z[i];
        }
        Arrays.fill(x, 0);
        Arrays.fill(y, 0);
        Arrays.fill(z, 0);
        return reduceLimbs(p);
    }

    static byte[] mul(byte[] a, byte[] b) {
        return mulAdd(a, b, new byte[BYTES]);
    }

    /** True when the 32 bytes encode an integer below L (public data only; variable time). */
    static boolean isCanonical(byte[] s) {
        for (int i = 31; i >= 0; i--) {
            int a = s[i] & 0xff;
            int l = lByte(i);
            if (a < l) {
                return true;
            }
            if (a > l) {
                return false;
            }
        }
        return false;
    }

    private static final byte[] L_BYTES = store(L_LIMBS.clone());

    private static int lByte(int i) {
        return L_BYTES[i] & 0xff;
    }

    /** RFC 8032 clamping on a 32-byte copy. */
    static byte[] clamp(byte[] in32) {
        byte[] k = Arrays.copyOf(in32, 32);
        k[0] &= (byte) 248;
        k[31] &= 63;
        k[31] |= 64;
        return k;
    }
}
