package org.katzen4j.crypto.sym;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * BLAKE2b as the reference uses it. The digest length is a parameter of the function (it enters the
 * parameter block), so {@link #sum256} is not a truncation of {@link #sum512}.
 */
public final class Blake2b {
    private Blake2b() {
    }

    /** Unkeyed BLAKE2b with a 32-byte digest (Go {@code blake2b.Sum256}); the hpqc key hash. */
    public static byte[] sum256(byte[]... parts) {
        return digest(32, null, parts);
    }

    /** Unkeyed BLAKE2b with a 64-byte digest (Go {@code blake2b.Sum512}). */
    public static byte[] sum512(byte[]... parts) {
        return digest(64, null, parts);
    }

    /**
     * BLAKE2b with any digest length 1..64 and an optional key of up to 64 bytes (Go
     * {@code blake2b.New(size, key)}).
     */
    public static byte[] digest(int size, byte[] key, byte[]... parts) {
        if (size < 1 || size > 64) {
            throw new IllegalArgumentException("BLAKE2b digest size must be 1..64, got " + size);
        }
        if (key != null && key.length > 64) {
            throw new IllegalArgumentException("BLAKE2b key must be at most 64 bytes, got " + key.length);
        }
        Blake2bDigest d = (key == null || key.length == 0)
                ? new Blake2bDigest(size * 8)
                : new Blake2bDigest(key, size, null, null);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[size];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * BLAKE2Xb (Go {@code blake2b.NewXOF(xofLength, key)}, then reading {@code xofLength} bytes): a keyed
     * BLAKE2b-512 root over the input with the XOF length in the parameter block, expanded by unkeyed
     * BLAKE2b over the root with node offsets 0, 1, 2, ….
     *
     * @param xofLength declared output length, 1 .. 2^32-2
     */
    public static byte[] xof(int xofLength, byte[] key, byte[]... parts) {
        if (xofLength <= 0) {
            throw new IllegalArgumentException("BLAKE2Xb length must be positive, got " + xofLength);
        }
        return xof(xofLength & 0xffffffffL, xofLength, key, parts);
    }

    /**
     * BLAKE2Xb with an unknown output length (Go {@code blake2b.NewXOF(blake2b.OutputLengthUnknown, key)}),
     * returning the first {@code outLen} bytes of the stream.
     */
    public static byte[] xofUnknownLength(int outLen, byte[] key, byte[]... parts) {
        return xof(0xffffffffL, outLen, key, parts);
    }

    private static byte[] xof(long declared, int outLen, byte[] key, byte[]... parts) {
        if (key != null && key.length > 64) {
            throw new IllegalArgumentException("BLAKE2Xb key must be at most 64 bytes, got " + key.length);
        }
        int keyLen = key == null ? 0 : key.length;
        byte[] p = new byte[64];
        p[0] = 64;
        p[1] = (byte) keyLen;
        p[2] = 1;
        p[3] = 1;
        putLe32(p, 12, declared);
        Blake2bCore root = new Blake2bCore(p, key);
        for (byte[] part : parts) {
            root.update(part, 0, part.length);
        }
        byte[] h0 = root.finish(64);
        byte[] out = new byte[outLen];
        long remaining = declared == 0xffffffffL ? Long.MAX_VALUE : declared;
        int pos = 0;
        long node = 0;
        while (pos < outLen) {
            int size = (int) Math.min(64, remaining);
            byte[] q = new byte[64];
            q[0] = (byte) size;
            putLe32(q, 4, 64);
            putLe32(q, 8, node++);
            putLe32(q, 12, declared);
            q[17] = 64;
            Blake2bCore b = new Blake2bCore(q, null);
            b.update(h0, 0, 64);
            byte[] block = b.finish(size);
            int n = Math.min(size, outLen - pos);
            System.arraycopy(block, 0, out, pos, n);
            pos += n;
            remaining -= size;
        }
        java.util.Arrays.fill(h0, (byte) 0);
        return out;
    }

    private static void putLe32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
