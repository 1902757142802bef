package org.katzen4j.crypto.sym;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/** One-shot SHA-2, SHA-3 and SHAKE over concatenated parts. */
public final class Hashes {
    private Hashes() {
    }

    public static byte[] sha256(byte[]... parts) {
        return run(new SHA256Digest(), parts);
    }

    public static byte[] sha512(byte[]... parts) {
        return run(new SHA512Digest(), parts);
    }

    /** SHA-512/256 (FIPS 180-4 truncated variant with its own IV, Go {@code sha512.Sum512_256}); not a truncated SHA-512. */
    public static byte[] sha512_256(byte[]... parts) {
        return run(new SHA512tDigest(256), parts);
    }

    public static byte[] sha3_256(byte[]... parts) {
        return run(new SHA3Digest(256), parts);
    }

    /** SHAKE-128 output of {@code outLen} bytes. */
    public static byte[] shake128(int outLen, byte[]... parts) {
        return shake(128, outLen, parts);
    }

    /** SHAKE-256 output of {@code outLen} bytes. */
    public static byte[] shake256(int outLen, byte[]... parts) {
        return shake(256, outLen, parts);
    }

    private static byte[] shake(int bits, int outLen, byte[]... parts) {
        SHAKEDigest d = new SHAKEDigest(bits);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[outLen];
        d.doFinal(out, 0, outLen);
        return out;
    }

    private static byte[] run(Digest d, byte[]... parts) {
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
