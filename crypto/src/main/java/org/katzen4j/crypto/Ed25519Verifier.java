package org.katzen4j.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Ed25519 verification with exactly the acceptance rules of Go's {@code crypto/ed25519.Verify}
 * (checked against Go's verdicts on edge cases, {@code vectors/ed25519_edge.json}):
 *
 * <ul>
 * <li>S must be canonical (S &lt; ℓ);
 * <li>the public key is decoded leniently: a y coordinate of 2^255-19 or more is taken mod p and
 * an x of zero with the sign bit set is accepted (a "negative zero"), small-order and mixed-order
 * keys are accepted, and the hash covers the key bytes as given;
 * <li>the check is cofactorless: the canonical encoding of [S]B - [k]A must equal the 32 bytes of
 * R, so a non-canonical R, or an R that differs from the expected point by a small-order
 * component, is rejected.
 * </ul>
 *
 * BouncyCastle's {@code Ed25519.verify} differs on the last two points (it rejects small-order and
 * non-canonical keys and verifies cofactored), hence this class. The field arithmetic is
 * BouncyCastle's {@link X25519Field}; SHA-512 is the JDK's (HotSpot intrinsic, about twice
 * BouncyCastle's speed, which matters for PKI documents of tens of kilobytes). [S]B - [k]A is one
 * interleaved wNAF multiplication in which both scalars are split at bit 128, against fixed tables
 * for B and [2^128]B and per-key tables for -A and -[2^128]A (kept for the last few dozen keys: the
 * same authority keys verify every document), so it needs 128 doublings instead of 253. About 50 µs
 * per verification plus the hash, against BouncyCastle's 60 µs plus its slower hash (thread CPU
 * time, same JVM). Everything here is public data, so the arithmetic is variable time.
 */
final class Ed25519Verifier {
    private static final BigInteger ORDER = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    private static final int[] D = X25519Field.create();
    private static final int[] D2 = X25519Field.create();
    /** Odd multiples 1B, 3B, ..., 127B of the base point in cached form, and the same of [2^128]B. */
    private static final Cached[] BASE_TABLE;
    private static final Cached[] BASE_HI_TABLE;
    private static final int BASE_WIDTH = 8;
    private static final int POINT_WIDTH = 5;
    private static final int HALF = 128;
    private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(HALF).subtract(BigInteger.ONE);
    /** Tables of recently used public keys (authority keys verify a document every epoch). */
    private static final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Cached[][]> KEY_TABLES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 64;

    static {
        // d = -121665/121666
        int[] num = X25519Field.create();
        int[] den = X25519Field.create();
        num[0] = 121665;
        X25519Field.negate(num, num);
        den[0] = 121666;
        X25519Field.inv(den, den);
        X25519Field.mul(num, den, D);
        X25519Field.normalize(D);
        X25519Field.add(D, D, D2);
        X25519Field.carry(D2);

        byte[] b = new byte[32];
        b[0] = 0x58;
        for (int i = 1; i < 32; i++) {
            b[i] = 0x66;
        }
        Ext base = decode(b);
        if (base == null) {
            throw new ExceptionInInitializerError("base point does not decode");
        }
        BASE_TABLE = oddMultiples(base, BASE_WIDTH);
        BASE_HI_TABLE = oddMultiples(timesTwoTo128(base), BASE_WIDTH);
    }

    private Ed25519Verifier() {
    }

    /** Extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
    private static final class Ext {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();
    }

    /** A point prepared for addition: (Y+X, Y-X, 2dT, 2Z). */
    private static final class Cached {
        final int[] ypx = X25519Field.create();
        final int[] ymx = X25519Field.create();
        final int[] t2d = X25519Field.create();
        final int[] z2 = X25519Field.create();
    }

    /** Scratch field elements for one verification. */
    private static final class Scratch {
        final int[] a = X25519Field.create();
        final int[] b = X25519Field.create();
        final int[] c = X25519Field.create();
        final int[] d = X25519Field.create();
        final int[] e = X25519Field.create();
        final int[] f = X25519Field.create();
        final int[] g = X25519Field.create();
        final int[] h = X25519Field.create();
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        if ((signature[63] & 0xE0) != 0) {
            return false;
        }
        byte[] sBytes = new byte[32];
        System.arraycopy(signature, 32, sBytes, 0, 32);
        BigInteger s = littleEndian(sBytes);
        if (s.compareTo(ORDER) >= 0) {
            return false;
        }
        Cached[][] aTables = keyTables(publicKey);
        if (aTables == null) {
            return false;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
        sha.update(signature, 0, 32);
        sha.update(publicKey);
        sha.update(message);
        BigInteger k = littleEndian(sha.digest()).mod(ORDER);

        // R' = [S]B + [k](-A), with both scalars split at bit 128 against precomputed [2^128]B and
        // [2^128](-A): four half-length scalars share 128 doublings
        byte[][] nafs = {
            naf(s.and(LOW_MASK), BASE_WIDTH), naf(s.shiftRight(HALF), BASE_WIDTH),
            naf(k.and(LOW_MASK), POINT_WIDTH), naf(k.shiftRight(HALF), POINT_WIDTH)};
        Cached[][] tables = {BASE_TABLE, BASE_HI_TABLE, aTables[0], aTables[1]};
        Scratch sc = new Scratch();
        Ext r = new Ext();
        X25519Field.one(r.y);
        X25519Field.one(r.z);
        int top = 255;
        while (top >= 0 && !anyDigit(nafs, top)) {
            top--;
        }
        for (int i = top; i >= 0; i--) {
            for (int j = 0; j < 4; j++) {
                int d = nafs[j][i];
                if (d > 0) {
                    add(r, tables[j][d >> 1], false, sc);
                } else if (d < 0) {
                    add(r, tables[j][(-d) >> 1], true, sc);
                }
            }
            if (i > 0) {
                dbl(r, sc, anyDigit(nafs, i - 1));
            }
        }
        byte[] enc = encode(r);
        return MessageDigest.isEqual(enc, java.util.Arrays.copyOf(signature, 32));
    }

    private static boolean anyDigit(byte[][] nafs, int i) {
        return nafs[0][i] != 0 || nafs[1][i] != 0 || nafs[2][i] != 0 || nafs[3][i] != 0;
    }

    /** Odd multiples of -A and of -[2^128]A for the key's bytes; null if they are not a point. */
    private static Cached[][] keyTables(byte[] publicKey) {
        java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(publicKey.clone());
        Cached[][] t = KEY_TABLES.get(id);
        if (t != null) {
            return t;
        }
        Ext a = decode(publicKey);
        if (a == null) {
            return null;
        }
        negate(a);
        t = new Cached[][] {oddMultiples(a, POINT_WIDTH), oddMultiples(timesTwoTo128(a), POINT_WIDTH)};
        if (KEY_TABLES.size() >= MAX_CACHED_KEYS) {
            KEY_TABLES.clear();
        }
        KEY_TABLES.put(id, t);
        return t;
    }

    private static Ext timesTwoTo128(Ext p) {
        Ext q = copy(p);
        Scratch sc = new Scratch();
        for (int i = 0; i < HALF; i++) {
            dbl(q, sc, true);
        }
        return q;
    }

    /** Go's lenient decoding: y taken mod p, any sign bit on x = 0; null if not on the curve. */
    private static Ext decode(byte[] in) {
        Ext p = new Ext();
        X25519Field.decode(in, 0, p.y); // the top bit is ignored; a y >= p is reduced by the arithmetic
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        X25519Field.carry(u);
        X25519Field.carry(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            return null;
        }
        X25519Field.normalize(p.x);
        int sign = (in[31] >>> 7) & 1;
        if ((p.x[0] & 1) != sign) {
            X25519Field.negate(p.x, p.x);
            X25519Field.normalize(p.x);
        }
        X25519Field.normalize(p.y);
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }

    private static byte[] encode(Ext p) {
        int[] zi = X25519Field.create();
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.inv(p.z, zi);
        X25519Field.mul(p.x, zi, x);
        X25519Field.mul(p.y, zi, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        out[31] |= (byte) ((x[0] & 1) << 7);
        return out;
    }

    private static void negate(Ext p) {
        X25519Field.negate(p.x, p.x);
        X25519Field.negate(p.t, p.t);
    }

    private static Cached cache(Ext p) {
        Cached c = new Cached();
        X25519Field.add(p.y, p.x, c.ypx);
        X25519Field.carry(c.ypx);
        X25519Field.sub(p.y, p.x, c.ymx);
        X25519Field.carry(c.ymx);
        X25519Field.mul(p.t, D2, c.t2d);
        X25519Field.add(p.z, p.z, c.z2);
        X25519Field.carry(c.z2);
        return c;
    }

    /** P, 3P, 5P, ..., (2^(w-1) - 1)P in cached form. */
    private static Cached[] oddMultiples(Ext p, int width) {
        int n = 1 << (width - 2);
        Cached[] out = new Cached[n];
        Scratch sc = new Scratch();
        Ext twice = copy(p);
        dbl(twice, sc, true);
        Cached twiceC = cache(twice);
        Ext acc = copy(p);
        out[0] = cache(acc);
        for (int i = 1; i < n; i++) {
            add(acc, twiceC, false, sc);
            out[i] = cache(acc);
        }
        return out;
    }

    private static Ext copy(Ext p) {
        Ext q = new Ext();
        X25519Field.copy(p.x, 0, q.x, 0);
        X25519Field.copy(p.y, 0, q.y, 0);
        X25519Field.copy(p.z, 0, q.z, 0);
        X25519Field.copy(p.t, 0, q.t, 0);
        return q;
    }

    /** r += q (or r -= q): extended twisted Edwards addition with a = -1. */
    private static void add(Ext r, Cached q, boolean subtract, Scratch s) {
        X25519Field.sub(r.y, r.x, s.a);
        X25519Field.carry(s.a);
        X25519Field.add(r.y, r.x, s.b);
        X25519Field.carry(s.b);
        X25519Field.mul(s.a, subtract ? q.ypx : q.ymx, s.a);
        X25519Field.mul(s.b, subtract ? q.ymx : q.ypx, s.b);
        X25519Field.mul(r.t, q.t2d, s.c);
        if (subtract) {
            X25519Field.negate(s.c, s.c);
        }
        X25519Field.mul(r.z, q.z2, s.d);
        X25519Field.sub(s.b, s.a, s.e);
        X25519Field.carry(s.e);
        X25519Field.sub(s.d, s.c, s.f);
        X25519Field.carry(s.f);
        X25519Field.add(s.d, s.c, s.g);
        X25519Field.carry(s.g);
        X25519Field.add(s.b, s.a, s.h);
        X25519Field.carry(s.h);
        X25519Field.mul(s.e, s.f, r.x);
        X25519Field.mul(s.g, s.h, r.y);
        X25519Field.mul(s.e, s.h, r.t);
        X25519Field.mul(s.f, s.g, r.z);
    }

    /** r = 2r (dbl-2008-hwcd with a = -1); T only when an addition follows. */
    private static void dbl(Ext r, Scratch s, boolean withT) {
        X25519Field.sqr(r.x, s.a);
        X25519Field.sqr(r.y, s.b);
        X25519Field.sqr(r.z, s.c);
        X25519Field.add(s.c, s.c, s.c);
        X25519Field.carry(s.c);
        X25519Field.add(r.x, r.y, s.e);
        X25519Field.carry(s.e);
        X25519Field.sqr(s.e, s.e);
        X25519Field.sub(s.e, s.a, s.e);
        X25519Field.carry(s.e);
        X25519Field.sub(s.e, s.b, s.e); // E = (X+Y)^2 - A - B
        X25519Field.carry(s.e);
        X25519Field.sub(s.b, s.a, s.g); // G = -A + B
        X25519Field.carry(s.g);
        X25519Field.sub(s.g, s.c, s.f); // F = G - C
        X25519Field.carry(s.f);
        X25519Field.add(s.a, s.b, s.h);
        X25519Field.carry(s.h);
        X25519Field.negate(s.h, s.h); // H = -A - B
        X25519Field.mul(s.e, s.f, r.x);
        X25519Field.mul(s.g, s.h, r.y);
        if (withT) {
            X25519Field.mul(s.e, s.h, r.t);
        }
        X25519Field.mul(s.f, s.g, r.z);
    }

    /** Width-w non-adjacent form of a scalar below 2^253, one signed odd digit per position. */
    private static byte[] naf(BigInteger k, int width) {
        long[] x = new long[5];
        byte[] le = k.toByteArray();
        for (int i = 0; i < le.length; i++) {
            int bytePos = le.length - 1 - i; // big-endian source
            if (i < 32) {
                x[i >> 3] |= (le[bytePos] & 0xffL) << (8 * (i & 7));
            }
        }
        byte[] naf = new byte[256];
        int w = 1 << width;
        long mask = w - 1;
        int pos = 0;
        long carry = 0;
        while (pos < 256) {
            int idx = pos >> 6;
            int bit = pos & 63;
            long buf = bit < 64 - width ? x[idx] >>> bit : (x[idx] >>> bit) | (x[idx + 1] << (64 - bit));
            long window = carry + (buf & mask);
            if ((window & 1) == 0) {
                pos++;
                continue;
            }
            if (window < w / 2) {
                carry = 0;
                naf[pos] = (byte) window;
            } else {
                carry = 1;
                naf[pos] = (byte) (window - w);
            }
            pos += width;
        }
        return naf;
    }

    private static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[le.length - 1 - i] = le[i];
        }
        return new BigInteger(1, be);
    }
}
