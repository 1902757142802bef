package org.katzen4j.pigeonhole.bacap;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Ed25519 operations BACAP needs beyond a standard signature API: key blinding by a factor, signing
 * with a raw (blinded) scalar, and verification with the exact acceptance rules of Go's
 * {@code crypto/ed25519} (cofactorless, canonical S, non-canonical point encodings accepted).
 */
final class Ed25519Blinding {
    private Ed25519Blinding() {}

    static byte[] sha512(byte[]... parts) {
        SHA512Digest d = new SHA512Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }

    /** f = clamp(SHA-512/256(factor)) mod L. */
    static byte[] factorScalar(byte[] factor) {
        if (factor.length == 0) {
            throw new IllegalArgumentException("empty blinding factor");
        }
        SHA512tDigest d = new SHA512tDigest(256);
        d.update(factor, 0, factor.length);
        byte[] h = new byte[32];
        d.doFinal(h, 0);
        byte[] c = ScalarL.clamp(h);
        byte[] f = ScalarL.reduce(c);
        Arrays.fill(h, (byte) 0);
        Arrays.fill(c, (byte) 0);
        return f;
    }

    /** a = clamp(SHA-512(seed)[0:32]) mod L. */
    static byte[] rootScalar(byte[] seed) {
        byte[] h = sha512(seed);
        byte[] c = ScalarL.clamp(Arrays.copyOf(h, 32));
        byte[] a = ScalarL.reduce(c);
        Arrays.fill(h, (byte) 0);
        Arrays.fill(c, (byte) 0);
        return a;
    }

    static byte[] publicFromSeed(byte[] seed) {
        byte[] a = rootScalar(seed);
        byte[] pub = EdPoint.multiplyBase(a).encode();
        Arrays.fill(a, (byte) 0);
        return pub;
    }

    /** Blind(P, factor) = f * P, encoded. @throws IllegalArgumentException if P is not a point */
    static byte[] blindPublic(byte[] publicKey, byte[] factor) {
        EdPoint p = EdPoint.decode(publicKey);
        byte[] f = factorScalar(factor);
        byte[] out = p.multiply(f).encode();
        Arrays.fill(f, (byte) 0);
        return out;
    }

    /** s = f * a mod L for the root seed. */
    static byte[] blindedScalar(byte[] seed, byte[] factor) {
        byte[] a = rootScalar(seed);
        byte[] f = factorScalar(factor);
        byte[] s = ScalarL.mul(f, a);
        Arrays.fill(a, (byte) 0);
        Arrays.fill(f, (byte) 0);
        return s;
    }

    /** Signs msg with raw scalar s whose public key is pub (= s*B), using the reference's nonce rule. */
    static byte[] signWithScalar(byte[] s, byte[] pub, byte[] msg) {
        byte[] d1 = sha512(s);
        byte[] r = ScalarL.reduce(sha512(Arrays.copyOfRange(d1, 32, 64), msg, Arrays.copyOfRange(d1, 33, 64)));
        byte[] rEnc = EdPoint.multiplyBase(r).encode();
        byte[] k = ScalarL.reduce(sha512(rEnc, pub, msg));
        byte[] sigS = ScalarL.mulAdd(k, s, r);
        byte[] sig = new byte[64];
        System.arraycopy(rEnc, 0, sig, 0, 32);
        System.arraycopy(sigS, 0, sig, 32, 32);
        Arrays.fill(d1, (byte) 0);
        Arrays.fill(r, (byte) 0);
        return sig;
    }

    /** Plain Ed25519 verification with Go crypto/ed25519 acceptance rules. Never throws on bad input. */
    static boolean verify(byte[] pub, byte[] msg, byte[] sig) {
        if (pub == null || sig == null || pub.length != 32 || sig.length != 64 || (sig[63] & 224) != 0) {
            return false;
        }
        EdPoint a;
        try {
            a = EdPoint.decode(pub);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] sBytes = Arrays.copyOfRange(sig, 32, 64);
        if (!ScalarL.isCanonical(sBytes)) {
            return false;
        }
        byte[] rEnc = Arrays.copyOf(sig, 32);
        byte[] k = ScalarL.reduce(sha512(rEnc, pub, msg));
        EdPoint check = a.negate().multiply(k);
        EdPoint.add(check, EdPoint.multiplyBase(sBytes), check);
        return MessageDigest.isEqual(check.encode(), rEnc);
    }
}
