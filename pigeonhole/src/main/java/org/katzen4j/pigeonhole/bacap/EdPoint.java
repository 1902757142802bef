package org.katzen4j.pigeonhole.bacap;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.util.Arrays;

/**
 * A point of the Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 in extended coordinates (X:Y:Z:T), x = X/Z,
 * y = Y/Z, xy = T/Z, over BouncyCastle's public constant-time field arithmetic {@link X25519Field}.
 *
 * <p>Addition uses the complete "a = -1" extended formula and doubling the dedicated one; both are
 * branch-free. Scalar multiplication uses a fixed 4-bit window and reads the table by scanning all
 * entries, so it is constant time in the scalar.
 */
final class EdPoint {
    private static final int N = X25519Field.SIZE;
    private static final int[] D = fieldFromHex("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352");
    private static final int[] D2 = fieldFromHex("59f1b226949bd6eb56b183829a14e00030d1f3eef2808e19e7fcdf56dcd90624");
    private static final byte[] BASE_ENCODED = hex("5866666666666666666666666666666666666666666666666666666666666666");
    static final EdPoint BASE;

    static {
        try {
            BASE = decode(BASE_ENCODED);
        } catch (IllegalArgumentException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    private EdPoint() {}

    static EdPoint identity() {
        EdPoint p = new EdPoint();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    private static int[] fieldFromHex(String h) {
        int[] f = X25519Field.create();
        X25519Field.decode(hex(h), 0, f);
        return f;
    }

    static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    EdPoint copy() {
        EdPoint p = new EdPoint();
        X25519Field.copy(x, 0, p.x, 0);
        X25519Field.copy(y, 0, p.y, 0);
        X25519Field.copy(z, 0, p.z, 0);
        X25519Field.copy(t, 0, p.t, 0);
        return p;
    }

    /** r = p + q (r may alias p or q). */
    static void add(EdPoint p, EdPoint q, EdPoint r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        int[] u = X25519Field.create();
        X25519Field.sub(p.y, p.x, a);
        X25519Field.sub(q.y, q.x, u);
        X25519Field.mul(a, u, a);
        X25519Field.add(p.y, p.x, b);
        X25519Field.add(q.y, q.x, u);
        X25519Field.mul(b, u, b);
        X25519Field.mul(p.t, q.t, c);
        X25519Field.mul(c, D2, c);
        X25519Field.mul(p.z, q.z, d);
        X25519Field.add(d, d, d);
        X25519Field.sub(b, a, e);
        X25519Field.sub(d, c, f);
        X25519Field.add(d, c, g);
        X25519Field.add(b, a, h);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(e, h, r.t);
        X25519Field.mul(f, g, r.z);
    }

    /** r = 2p (r may alias p); the dedicated a = -1 doubling, which does not read T. */
    static void dbl(EdPoint p, EdPoint r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.sqr(p.x, a);
        X25519Field.sqr(p.y, b);
        X25519Field.sqr(p.z, c);
        X25519Field.add(c, c, c);
        X25519Field.add(p.x, p.y, e);
        X25519Field.sqr(e, e);
        X25519Field.sub(e, a, e);
        X25519Field.sub(e, b, e);
        X25519Field.carry(e);
        X25519Field.sub(b, a, g); // G = -A + B
        X25519Field.carry(g);
        X25519Field.sub(g, c, f); // F = G - C
        X25519Field.carry(f);
        X25519Field.add(a, b, h);
        X25519Field.negate(h, h); // H = -A - B
        X25519Field.carry(h);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(e, h, r.t);
        X25519Field.mul(f, g, r.z);
    }

    private static void select(EdPoint[] table, int index, EdPoint out) {
        for (int[] f : new int[][] {out.x, out.y, out.z, out.t}) {
            Arrays.fill(f, 0);
        }
        for (int i = 0; i < table.length; i++) {
            int diff = i ^ index;
            int mask = ((diff - 1) >> 31); // -1 when diff == 0, else 0 (diff is in [0, 15])
            EdPoint e = table[i];
            for (int k = 0; k < N; k++) {
                out.x[k] |= e.x[k] & mask;
                out.y[k] |= e.y[k] & mask;
                out.z[k] |= e.z[k] & mask;
                out.t[k] |= e.t[k] & mask;
            }
        }
    }

    /** s * this, for a 32-byte little-endian scalar s (any value below 2^256); constant time in s. */
    EdPoint multiply(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        EdPoint[] table = new EdPoint[16];
        table[0] = identity();
        table[1] = copy();
        for (int i = 2; i < 16; i++) {
            table[i] = new EdPoint();
            add(table[i - 1], this, table[i]);
        }
        EdPoint acc = identity();
        EdPoint sel = new EdPoint();
        for (int i = 63; i >= 0; i--) {
            for (int k = 0; k < 4; k++) {
                dbl(acc, acc);
            }
            int nibble = (scalar[i >>> 1] >>> ((i & 1) * 4)) & 0xf;
            select(table, nibble, sel);
            add(acc, sel, acc);
        }
        for (EdPoint e : table) {
            e.wipe();
        }
        sel.wipe();
        return acc;
    }

    static EdPoint multiplyBase(byte[] scalar) {
        return BASE.multiply(scalar);
    }

    void wipe() {
        Arrays.fill(x, 0);
        Arrays.fill(y, 0);
        Arrays.fill(z, 0);
        Arrays.fill(t, 0);
    }

    EdPoint negate() {
        EdPoint p = copy();
        X25519Field.negate(p.x, p.x);
        X25519Field.negate(p.t, p.t);
        return p;
    }

    /** Standard 32-byte encoding: canonical y with the sign of x in the top bit. */
    byte[] encode() {
        int[] zi = X25519Field.create();
        int[] ax = X25519Field.create();
        int[] ay = X25519Field.create();
        X25519Field.inv(z, zi);
        X25519Field.mul(x, zi, ax);
        X25519Field.mul(y, zi, ay);
        X25519Field.normalize(ax);
        X25519Field.normalize(ay);
        byte[] out = new byte[32];
        X25519Field.encode(ay, out, 0);
        out[31] |= (byte) ((ax[0] & 1) << 7);
        return out;
    }

    /**
     * Decodes a 32-byte point encoding the way Go's edwards25519 does: y may be non-canonical (it is
     * reduced), x = 0 with the sign bit set is accepted; fails only if no x exists. Variable time
     * (encodings are public).
     *
     * @throws IllegalArgumentException if the bytes are not a curve point
     */
    static EdPoint decode(byte[] enc) {
        if (enc.length != 32) {
            throw new IllegalArgumentException("point encoding must be 32 bytes");
        }
        EdPoint p = new EdPoint();
        int sign = (enc[31] >>> 7) & 1;
        X25519Field.decode(enc, 0, p.y); // ignores bit 255
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            throw new IllegalArgumentException("not a point on the curve");
        }
        X25519Field.normalize(p.x);
        X25519Field.normalize(p.y);
        if ((p.x[0] & 1) != sign) {
            X25519Field.negate(p.x, p.x);
            X25519Field.normalize(p.x);
        }
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }
}
