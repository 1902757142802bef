package org.katzen4j.pigeonhole.bacap;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.modes.gcm.GCMUtil;
import org.bouncycastle.crypto.BlockCipher;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * AES-GCM-SIV as implemented by the pre-standard Go library {@code agl/gcmsiv} with its 16-byte
 * nonce, which the reference BACAP uses. It follows RFC 8452 except that all 16 nonce bytes are
 * XORed into the POLYVAL output before the tag is computed (RFC 8452 uses a 12-byte nonce); only the
 * first 12 nonce bytes enter the key-derivation blocks. Output is ciphertext followed by a 16-byte tag.
 */
final class AglGcmSiv {
    static final int NONCE_SIZE = 16;
    static final int TAG_SIZE = 16;

    private AglGcmSiv() {}

    private static BlockCipher aes(byte[] key) {
        BlockCipher c = AESEngine.newInstance();
        c.init(true, new KeyParameter(key));
        return c;
    }

    /** Derives (authKey 16, encKey 16 or 32) from the key-generating key and nonce. */
    private static byte[][] recordKeys(byte[] key, byte[] nonce) {
        BlockCipher kgk = aes(key);
        int blocks = key.length == 32 ? 6 : 4;
        byte[] material = new byte[blocks * 8];
        byte[] in = new byte[16];
        byte[] out = new byte[16];
        System.arraycopy(nonce, 0, in, 4, 12);
        for (int j = 0; j < blocks; j++) {
            in[0] = (byte) j;
            kgk.processBlock(in, 0, out, 0);
            System.arraycopy(out, 0, material, j * 8, 8);
        }
        byte[][] r = {Arrays.copyOfRange(material, 0, 16), Arrays.copyOfRange(material, 16, material.length)};
        Arrays.fill(material, (byte) 0);
        Arrays.fill(out, (byte) 0);
        return r;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** POLYVAL computed through GHASH (RFC 8452 appendix A): byte-reversed blocks, H multiplied by x. */
    private static final class Polyval {
        private final long[] h;
        private final long[] acc = new long[2];

        Polyval(byte[] authKey) {
            h = GCMUtil.asLongs(reverse(authKey));
            GCMUtil.multiplyP(h);
        }

        void block(byte[] b16) {
            long[] x = GCMUtil.asLongs(reverse(b16));
            acc[0] ^= x[0];
            acc[1] ^= x[1];
            GCMUtil.multiply(acc, h);
        }

        void padded(byte[] data) {
            for (int off = 0; off < data.length; off += 16) {
                byte[] blk = new byte[16];
                System.arraycopy(data, off, blk, 0, Math.min(16, data.length - off));
                block(blk);
            }
        }

        byte[] result() {
            return reverse(GCMUtil.asBytes(acc));
        }
    }

    private static byte[] tag(byte[][] keys, byte[] nonce, byte[] aad, byte[] pt) {
        Polyval pv = new Polyval(keys[0]);
        pv.padded(aad);
        pv.padded(pt);
        byte[] lens = new byte[16];
        long aadBits = (long) aad.length * 8;
        long ptBits = (long) pt.length * 8;
        for (int i = 0; i < 8; i++) {
            lens[i] = (byte) (aadBits >>> (8 * i));
            lens[8 + i] = (byte) (ptBits >>> (8 * i));
        }
        pv.block(lens);
        byte[] s = pv.result();
        for (int i = 0; i < 16; i++) {
            s[i] ^= nonce[i];
        }
        s[15] &= 0x7f;
        byte[] t = new byte[16];
        aes(keys[1]).processBlock(s, 0, t, 0);
        return t;
    }

    private static byte[] ctr(byte[] encKey, byte[] tag, byte[] in, int len) {
        BlockCipher c = aes(encKey);
        byte[] counter = tag.clone();
        counter[15] |= (byte) 0x80;
        byte[] ks = new byte[16];
        byte[] out = new byte[len];
        for (int off = 0; off < len; off += 16) {
            c.processBlock(counter, 0, ks, 0);
            int n = Math.min(16, len - off);
            for (int i = 0; i < n; i++) {
                out[off + i] = (byte) (in[off + i] ^ ks[i]);
            }
            int ctrVal = (counter[0] & 0xff) | (counter[1] & 0xff) << 8 | (counter[2] & 0xff) << 16 | (counter[3] & 0xff) << 24;
            ctrVal++;
            counter[0] = (byte) ctrVal;
            counter[1] = (byte) (ctrVal >>> 8);
            counter[2] = (byte) (ctrVal >>> 16);
            counter[3] = (byte) (ctrVal >>> 24);
        }
        Arrays.fill(ks, (byte) 0);
        return out;
    }

    private static void check(byte[] key, byte[] nonce) {
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("key must be 16 or 32 bytes");
        }
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("nonce must be 16 bytes");
        }
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        check(key, nonce);
        byte[][] keys = recordKeys(key, nonce);
        byte[] t = tag(keys, nonce, aad, plaintext);
        byte[] body = ctr(keys[1], t, plaintext, plaintext.length);
        byte[] out = Arrays.copyOf(body, body.length + TAG_SIZE);
        System.arraycopy(t, 0, out, body.length, TAG_SIZE);
        Arrays.fill(keys[0], (byte) 0);
        Arrays.fill(keys[1], (byte) 0);
        return out;
    }

    /** Returns the plaintext, or empty if the ciphertext is too short or the tag does not match. */
    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
        check(key, nonce);
        if (ciphertext.length < TAG_SIZE) {
            return Optional.empty();
        }
        int n = ciphertext.length - TAG_SIZE;
        byte[] t = Arrays.copyOfRange(ciphertext, n, ciphertext.length);
        byte[][] keys = recordKeys(key, nonce);
        byte[] pt = ctr(keys[1], t, ciphertext, n);
        byte[] expect = tag(keys, nonce, aad, pt);
        Arrays.fill(keys[0], (byte) 0);
        Arrays.fill(keys[1], (byte) 0);
        if (!MessageDigest.isEqual(expect, t)) {
            Arrays.fill(pt, (byte) 0);
            return Optional.empty();
        }
        return Optional.of(pt);
    }
}
