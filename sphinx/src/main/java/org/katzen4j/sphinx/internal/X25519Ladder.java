package org.katzen4j.sphinx.internal;

import java.math.BigInteger;
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
 * scalars reduced mod 8ℓ, for every point on the curve (public keys of real nodes are); so a
 * header costs 2n-1 multiplications instead of (n² + 3n)/2. Points on the twist would give a
 * different (equally useless) result than the reference; low-order points still give all-zero.
 *
 * <p>The ladder always runs over 256 bits with constant-time swaps. The scalar product uses
 * {@link BigInteger}, whose arithmetic is not constant time.
 */
public final class X25519Ladder {
    /** ℓ, the prime order of the base point. */
    public static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    /** 8ℓ, the order of the curve group. */
    public static final BigInteger CURVE_ORDER = L.shiftLeft(3);
    private static final byte[] BASE_POINT = new byte[32];

    static {
        BASE_POINT[0] = 9;
    }

    private X25519Ladder() {
    }

    /** The clamped scalar X25519 uses for the 32-byte string {@code k}, as an integer. */
    public static BigInteger clamped(byte[] k) {
        if (k.length != 32) {
            throw new IllegalArgumentException("X25519 scalar must be 32 bytes");
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = k[31 - i];
        }
        be[31] &= (byte) 0xf8;
        be[0] &= 0x7f;
        be[0] |= 0x40;
        try {
            return new BigInteger(1, be);
        } finally {
            Arrays.fill(be, (byte) 0);
        }
    }

    /** {@code a·b mod 8ℓ}. */
    public static BigInteger mulMod(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(CURVE_ORDER);
    }

    /** u([k]·base point). */
    public static byte[] scalarMultBase(BigInteger k) {
        return scalarMult(k, BASE_POINT);
    }

    /** u([k]·P) for the u-coordinate {@code u} (32 bytes, top bit ignored), {@code 0 <= k < 2^256}. */
    public static byte[] scalarMult(BigInteger k, byte[] u) {
        if (k.signum() < 0 || k.bitLength() > 256 || u.length != 32) {
            throw new IllegalArgumentException("scalar out of range or point not 32 bytes");
        }
        byte[] kb = new byte[32]; // little-endian
        byte[] be = k.toByteArray(); // big-endian, possibly with a leading sign byte (k < 2^256)
        for (int i = 0; i < Math.min(32, be.length); i++) {
            kb[i] = be[be.length - 1 - i];
        }
        Arrays.fill(be, (byte) 0);
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
            int bit = (kb[t >>> 3] >>> (t & 7)) & 1;
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
        Arrays.fill(kb, (byte) 0);
        for (int[] f : new int[][] {x2, z2, x3, z3, a, b, c, d, e}) {
            Arrays.fill(f, 0);
        }
        return out;
    }

    /**
     * The per-hop keys and group elements of an X25519 Sphinx header for the client key {@code x}:
     * fills {@code keys[0..n)} and {@code alphas[1..n)} ({@code alphas[0]} is the caller's public key of
     * {@code x}), byte for byte what the reference's blinding chain gives for keys on the curve.
     */
    public static void headerKeys(byte[] x, List<byte[]> hopKeys, SphinxCrypto.PacketKeys[] keys, byte[][] alphas)
            throws SphinxException {
        int n = hopKeys.size();
        BigInteger prod = clamped(x);
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
                prod = mulMod(prod, clamped(bf));
                Arrays.fill(bf, (byte) 0);
            }
        }
    }
}
