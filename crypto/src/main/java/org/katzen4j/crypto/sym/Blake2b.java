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
}
