package org.katzen4j.crypto.sym;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * RFC 2104 HMAC as the reference uses it: HMAC-SHA-256 (Sphinx header MAC) and HMAC-BLAKE2b-512
 * (Noise's HMAC-HASH with BLAKE2b, block size 128).
 */
public final class Hmac {
    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[]... parts) {
        return mac(new SHA256Digest(), key, parts);
    }

    public static byte[] blake2b512(byte[] key, byte[]... parts) {
        return mac(new Blake2bDigest(512), key, parts);
    }

    static byte[] mac(Digest d, byte[] key, byte[]... parts) {
        HMac h = new HMac(d);
        h.init(new KeyParameter(key));
        for (byte[] p : parts) {
            h.update(p, 0, p.length);
        }
        byte[] out = new byte[h.getMacSize()];
        h.doFinal(out, 0);
        return out;
    }
}
