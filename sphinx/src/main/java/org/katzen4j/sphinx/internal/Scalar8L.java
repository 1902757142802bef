package org.katzen4j.sphinx.internal;

import java.util.Arrays;

/**
 * Constant-time arithmetic on X25519 scalars modulo 8ℓ, the order of the curve group
 * (ℓ = 2^252 + 27742317777372353535851937790883648493). Scalars are 256-bit unsigned integers in
 * eight little-endian 32-bit words. Every routine runs the same instructions and touches the same
 * memory whatever the values: loops run over fixed bit and word counts, and choices are masks.
 *
 * <p>Multiplication is interleaved double-and-add over the 256 bits of one factor, reducing after
 * every step with two masked subtractions of 8ℓ (the running value stays below 3·8ℓ &lt; 2^258,
 * held in nine words). That is 256 rounds of nine-word arithmetic, a few microseconds, against
 * about 50 µs for each X25519 scalar multiplication it saves.
 */
public final class Scalar8L {
    public static final int WORDS = 8;
    private static final long M = 0xffffffffL;
    /** 8ℓ in nine little-endian words (the ninth is zero). */
    private static final int[] N = new int[WORDS + 1];

    static {
        // a public constant: BigInteger is fine here
        java.math.BigInteger n = java.math.BigInteger.ONE.shiftLeft(252)
                .add(new java.math.BigInteger("27742317777372353535851937790883648493")).shiftLeft(3);
        for (int i = 0; i <= WORDS; i++) {
            N[i] = n.shiftRight(32 * i).intValue();
        }
    }

    private Scalar8L() {
    }

    /** The little-endian 32-byte string as eight words. */
    public static int[] fromBytes(byte[] k) {
        if (k.length != 32) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        int[] w = new int[WORDS];
        for (int i = 0; i < 32; i++) {
            w[i >>> 2] |= (k[i] & 0xff) << (8 * (i & 3));
        }
        return w;
    }

    /** The eight words as a little-endian 32-byte string. */
    public static byte[] toBytes(int[] w) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (w[i >>> 2] >>> (8 * (i & 3)));
        }
        return out;
    }

    /** The scalar X25519 uses for the string {@code k}: bits 0-2 and 255 cleared, bit 254 set. */
    public static int[] clamped(byte[] k) {
        int[] w = fromBytes(k);
        w[0] &= ~7;
        w[7] &= 0x7fffffff;
        w[7] |= 0x40000000;
        return w;
    }

    /** {@code a·b mod 8ℓ} for any {@code a, b < 2^256}; the result is below 8ℓ. */
    public static int[] mulMod(int[] a, int[] b) {
        if (a.length != WORDS || b.length != WORDS) {
            throw new IllegalArgumentException("scalars are 8 words");
        }
        int[] bb = Arrays.copyOf(b, WORDS + 1);
        int[] t = new int[WORDS + 1];
        subtractIfNotBelow(bb, t); // b < 2^256 < 2·8ℓ: one subtraction reduces it
        int[] r = new int[WORDS + 1];
        for (int i = 255; i >= 0; i--) {
            // r = 2r
            for (int j = WORDS; j > 0; j--) {
                r[j] = (r[j] << 1) | (r[j - 1] >>> 31);
            }
            r[0] <<= 1;
            // r += bit ? b : 0
            int mask = -((a[i >>> 5] >>> (i & 31)) & 1);
            long carry = 0;
            for (int j = 0; j <= WORDS; j++) {
                long s = (r[j] & M) + (bb[j] & mask & M) + carry;
                r[j] = (int) s;
                carry = s >>> 32;
            }
            // r < 2·8ℓ + 8ℓ: at most two subtractions
            subtractIfNotBelow(r, t);
            subtractIfNotBelow(r, t);
        }
        int[] out = Arrays.copyOf(r, WORDS);
        Arrays.fill(r, 0);
        Arrays.fill(t, 0);
        Arrays.fill(bb, 0);
        return out;
    }

    /** {@code r = r - 8ℓ} when {@code r >= 8ℓ}, by mask; {@code t} is scratch of nine words. */
    private static void subtractIfNotBelow(int[] r, int[] t) {
        long borrow = 0;
        for (int j = 0; j <= WORDS; j++) {
            long d = (r[j] & M) - (N[j] & M) - borrow;
            t[j] = (int) d;
            borrow = d >>> 63;
        }
        int keep = (int) -borrow; // all ones when r < 8ℓ (the subtraction borrowed)
        for (int j = 0; j <= WORDS; j++) {
            r[j] = (r[j] & keep) | (t[j] & ~keep);
        }
    }
}
