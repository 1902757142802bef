package org.katzen4j.crypto.sym;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * RFC 5869 HKDF with the hashes the reference uses. The Sphinx KDF is
 * {@link #sha256Expand HKDF-Expand-SHA-256 without Extract} (info
 * {@code "katzenpost-kdf-v0-hkdf-sha256"}); BACAP uses full HKDF with BLAKE2b-512 and the context as
 * salt. A {@code null} salt means the all-zero salt of hash length, as in Go's {@code hkdf.New}.
 */
public final class Hkdf {
    private Hkdf() {
    }

    /** HKDF-Expand only: {@code prk} is used directly as the pseudorandom key. */
    public static byte[] sha256Expand(byte[] prk, byte[] info, int length) {
        return run(new SHA256Digest(), HKDFParameters.skipExtractParameters(prk, info), length);
    }

    /** Extract-then-Expand with SHA-256 (Go {@code hkdf.New(sha256.New, ikm, salt, info)}). */
    public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        return run(new SHA256Digest(), new HKDFParameters(ikm, salt, info), length);
    }

    /** Extract-then-Expand with unkeyed BLAKE2b-512 (Go {@code hkdf.New(blake2b.New512, …)}). */
    public static byte[] blake2b512(byte[] ikm, byte[] salt, byte[] info, int length) {
        return run(new Blake2bDigest(512), new HKDFParameters(ikm, salt, info), length);
    }

    private static byte[] run(Digest d, HKDFParameters p, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(d);
        g.init(p);
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
