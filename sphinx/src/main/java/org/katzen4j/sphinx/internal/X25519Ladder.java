package org.katzen4j.sphinx.internal;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.katzen4j.sphinx.SphinxException;

/**
 * X25519 scalar multiplication by an arbitrary (unclamped) scalar below 2^256, on BouncyCastle's
 * field arithmetic, for the client's Sphinx header: the reference derives hop i's shared secret by
 * blinding DH(x, P_i) with every earlier blinding factor, one scalar multiplication each, and hop
 * i's group element by blinding hop i-1's. As X25519 clamps every scalar to a multiple of 8 and the
 * curve group has order 8ℓ, that chain equals one multiplication by the product of the clamped
 * scalars reduced mod 8ℓ, for every point on the curve; so a header costs 2n-1 multiplications
 * instead of (n² + 3n)/2.
 *
 * <p>Points on the twist (u-coordinates that are not on the curve; no real node key is one) would
 * give a different, equally useless result than the reference's chain, so {@link #headerKeys}
 * refuses a path with such a key and the caller runs the chain: the keys are then byte for byte
 * the reference's for every input. That test looks only at the public hop keys.
 *
 * <p>Secret data is handled in constant time: the ladder always runs over 256 bits with
 * constant-time swaps, and the scalar product is {@link Scalar8L}'s fixed-width, mask-based
 * arithmetic.
 */
public final class X25519Ladder {
    private static final byte[] BASE_POINT = new byte[32];
    /** (A - 2) / 4 for Curve25519's A = 486662, and A itself. */
    private static final int A = 486662;

    static {
        BASE_POINT[0] = 9;
    }

    private X25519Ladder() {
    }

    /** u([k]·base point). */
    public static byte[] scalarMultBase(int[] k) {
        return scalarMult(k, BASE_POINT);
    }

    /**
     * u([k]·P) for the u-coordinate {@code u} (32 bytes, top bit ignored) and the scalar {@code k}
     * in {@link Scalar8L}'s eight little-endian words ({@code 0 <= k < 2^256}).
     */
    public static byte[] scalarMult(int[] k, byte[] u) {
        if (k.length != Scalar8L.WORDS || u.length != 32) {
            throw new IllegalArgumentException("scalar not 8 words or point not 32 bytes");
        }
        int[] x1 = X25519Field.create();
        int[] x2 = X25519Field.create();
        int[] z2 = X25519Field.create();
        int[] x3 = X25519Field.create();
        int[] z3 = X25519Field.create();
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] e = X25519Field.create();
        X25519Field.decode(u, 0, x1);
        X25519Field.one(x2);
        X25519Field.copy(x1, 0, x3, 0);
        X25519Field.one(z3);
        int swap = 0;
        for (int t = 255; t >= 0; t--) {
            int bit = (k[t >>> 5] >>> (t & 31)) & 1;
            swap ^= bit;
            X25519Field.cswap(swap, x2, x3);
            X25519Field.cswap(swap, z2, z3);
            swap = bit;
            X25519Field.add(x2, z2, a);      // A
            X25519Field.sub(x2, z2, b);      // B
            X25519Field.add(x3, z3, c);      // C
            X25519Field.sub(x3, z3, d);      // D
            X25519Field.mul(d, a, d);        // DA
            X25519Field.mul(c, b, c);        // CB
            X25519Field.add(d, c, x3);
            X25519Field.sqr(x3, x3);         // x3 = (DA + CB)^2
            X25519Field.sub(d, c, z3);
            X25519Field.sqr(z3, z3);
            X25519Field.mul(z3, x1, z3);     // z3 = x1 (DA - CB)^2
            X25519Field.sqr(a, a);           // AA
            X25519Field.sqr(b, b);           // BB
            X25519Field.mul(a, b, x2);       // x2 = AA BB
            X25519Field.sub(a, b, e);        // E = AA - BB
            X25519Field.mul(e, 121665, z2);  // a24 E
            X25519Field.add(z2, a, z2);
            X25519Field.mul(z2, e, z2);      // z2 = E (AA + a24 E)
        }
        X25519Field.cswap(swap, x2, x3);
        X25519Field.cswap(swap, z2, z3);
        X25519Field.inv(z2, z2);
        X25519Field.mul(x2, z2, x2);
        X25519Field.normalize(x2);
        byte[] out = new byte[32];
        X25519Field.encode(x2, out, 0);
        for (int[] f : new int[][] {x2, z2, x3, z3, a, b, c, d, e}) {
            Arrays.fill(f, 0);
        }
        return out;
    }

    /**
     * Whether {@code u} (top bit ignored, taken mod p) is the u-coordinate of a point on the curve
     * rather than on its twist: u³ + A·u² + u is a square. Variable time; for public keys only.
     */
    public static boolean onCurve(byte[] u) {
        if (u.length != 32) {
            throw new IllegalArgumentException("point not 32 bytes");
        }
        int[] x = X25519Field.create();
        int[] x2 = X25519Field.create();
        int[] rhs = X25519Field.create();
        int[] t = X25519Field.create();
        X25519Field.decode(u, 0, x);
        X25519Field.sqr(x, x2);
        X25519Field.mul(x2, x, rhs);          // u^3
        X25519Field.mul(x2, A, t);            // A u^2
        X25519Field.add(rhs, t, rhs);
        X25519Field.carry(rhs);
        X25519Field.add(rhs, x, rhs);         // u^3 + A u^2 + u
        X25519Field.carry(rhs);
        int[] one = X25519Field.create();
        X25519Field.one(one);
        return X25519Field.sqrtRatioVar(rhs, one, t);
    }

    /**
     * The per-hop keys and group elements of an X25519 Sphinx header for the client key {@code x}:
     * fills {@code keys[0..n)} and {@code alphas[1..n)} ({@code alphas[0]} is the caller's public key of
     * {@code x}), byte for byte what the reference's blinding chain gives.
     *
     * @return false, with nothing filled in, when a hop key is not on the curve (the caller then
     *     runs the reference's chain, whose result for such keys this shortcut does not reproduce)
     */
    public static boolean headerKeys(byte[] x, List<byte[]> hopKeys, SphinxCrypto.PacketKeys[] keys, byte[][] alphas)
            throws SphinxException {
        for (byte[] hop : hopKeys) {
            if (!onCurve(hop)) {
                return false;
            }
        }
        int n = hopKeys.size();
        int[] prod = Scalar8L.clamped(x);
        try {
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    alphas[i] = scalarMultBase(prod);
                }
                byte[] s = scalarMult(prod, hopKeys.get(i));
                if (SphinxCrypto.isZeroConstantTime(s, 0, s.length)) {
                    throw new SphinxException(SphinxException.Kind.BAD_KEY,
                            "x25519: low-order public key (all-zero result)");
                }
                keys[i] = SphinxCrypto.kdf(s);
                Arrays.fill(s, (byte) 0);
                if (i < n - 1) {
                    byte[] bf = SphinxCrypto.chachaStream(keys[i].blindingSeed, 32);
                    int[] c = Scalar8L.clamped(bf);
                    int[] next = Scalar8L.mulMod(prod, c);
                    Arrays.fill(bf, (byte) 0);
                    Arrays.fill(c, 0);
                    Arrays.fill(prod, 0);
                    prod = next;
                }
            }
        } finally {
            Arrays.fill(prod, 0);
        }
        return true;
    }
}
