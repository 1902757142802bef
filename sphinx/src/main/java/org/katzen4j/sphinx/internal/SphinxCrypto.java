package org.katzen4j.sphinx.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The Sphinx primitives of the reference's internal crypto package: HKDF-Expand-SHA-256 key
 * derivation (the shared secret is the PRK, no Extract), HMAC-SHA-256 header MAC, AES-256-CTR
 * header stream cipher, AEZ payload SPRP, SHA-512/256 replay tags and the ChaCha20 stream the
 * NIKE blinding factor is drawn from. Internal to the sphinx module.
 */
public final class SphinxCrypto {
    private SphinxCrypto() {
    }

    public static final int MAC_KEY_LENGTH = 32;
    public static final int MAC_LENGTH = 32;
    public static final int STREAM_KEY_LENGTH = 32;
    public static final int STREAM_IV_LENGTH = 16;
    public static final int SPRP_KEY_LENGTH = 48;
    public static final int SPRP_IV_LENGTH = 16;
    public static final int BLINDING_SEED_LENGTH = 32;
    public static final int HASH_LENGTH = 32;
    private static final byte[] KDF_INFO = "katzenpost-kdf-v0-hkdf-sha256".getBytes(StandardCharsets.US_ASCII);
    private static final int OKM_LENGTH = MAC_KEY_LENGTH + STREAM_KEY_LENGTH + STREAM_IV_LENGTH + SPRP_KEY_LENGTH
            + BLINDING_SEED_LENGTH;

    /** The per-hop keys: okm[0:32] MAC, [32:64] stream key, [64:80] IV (also the AEZ nonce), [80:128] AEZ key, [128:160] blinding seed. */
    public static final class PacketKeys implements AutoCloseable {
        public final byte[] headerMac;
        public final byte[] headerEncryption;
        public final byte[] headerEncryptionIv;
        public final byte[] payloadEncryption;
        public final byte[] blindingSeed;

        PacketKeys(byte[] okm) {
            int o = 0;
            headerMac = Arrays.copyOfRange(okm, o, o += MAC_KEY_LENGTH);
            headerEncryption = Arrays.copyOfRange(okm, o, o += STREAM_KEY_LENGTH);
            headerEncryptionIv = Arrays.copyOfRange(okm, o, o += STREAM_IV_LENGTH);
            payloadEncryption = Arrays.copyOfRange(okm, o, o += SPRP_KEY_LENGTH);
            blindingSeed = Arrays.copyOfRange(okm, o, o + BLINDING_SEED_LENGTH);
        }

        @Override
        public void close() {
            Arrays.fill(headerMac, (byte) 0);
            Arrays.fill(headerEncryption, (byte) 0);
            Arrays.fill(headerEncryptionIv, (byte) 0);
            Arrays.fill(payloadEncryption, (byte) 0);
            Arrays.fill(blindingSeed, (byte) 0);
        }

        @Override
        public String toString() {
            return "PacketKeys[redacted]";
        }
    }

    /** HKDF-Expand(SHA-256, PRK = sharedSecret, info = "katzenpost-kdf-v0-hkdf-sha256", 160). */
    public static PacketKeys kdf(byte[] sharedSecret) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(HKDFParameters.skipExtractParameters(sharedSecret, KDF_INFO));
        byte[] okm = new byte[OKM_LENGTH];
        g.generateBytes(okm, 0, okm.length);
        try {
            return new PacketKeys(okm);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** HMAC-SHA-256 over the concatenation of the given ranges. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        HMac m = new HMac(new SHA256Digest());
        m.init(new KeyParameter(key));
        for (byte[] p : parts) {
            m.update(p, 0, p.length);
        }
        byte[] out = new byte[MAC_LENGTH];
        m.doFinal(out, 0);
        return out;
    }

    /** HMAC-SHA-256 of {@code data[off, off+len)}. */
    public static byte[] mac(byte[] key, byte[] data, int off, int len) {
        HMac m = new HMac(new SHA256Digest());
        m.init(new KeyParameter(key));
        m.update(data, off, len);
        byte[] out = new byte[MAC_LENGTH];
        m.doFinal(out, 0);
        return out;
    }

    /** Constant-time comparison of two MACs (or any equal-length values). */
    public static boolean equalsConstantTime(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** {@code n} bytes of AES-256-CTR keystream (128-bit big-endian counter starting at {@code iv}). */
    public static byte[] keyStream(byte[] key, byte[] iv, int n) {
        byte[] out = new byte[n];
        xorKeyStream(key, iv, out, 0, n);
        return out;
    }

    /**
     * XORs AES-256-CTR keystream into {@code buf[off, off+len)} in place. Uses the JDK's AES (hardware
     * instructions where available, so constant time) with a full 128-bit big-endian counter, as Go's
     * {@code cipher.NewCTR}.
     */
    public static void xorKeyStream(byte[] key, byte[] iv, byte[] buf, int off, int len) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            int n = c.update(buf, off, len, buf, off);
            if (n != len) {
                throw new IllegalStateException("AES-CTR produced " + n + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR unavailable", e);
        }
    }

    /** SHA-512/256 (the replay tag). */
    public static byte[] hash(byte[] data, int off, int len) {
        SHA512tDigest d = new SHA512tDigest(256);
        d.update(data, off, len);
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** {@code n} bytes of ChaCha20 keystream with a 32-byte key and an all-zero 8-byte nonce. */
    public static byte[] chachaStream(byte[] key, int n) {
        ChaChaEngine c = new ChaChaEngine(20);
        c.init(true, new ParametersWithIV(new KeyParameter(key), new byte[8]));
        byte[] out = new byte[n];
        c.processBytes(out, 0, n, out, 0);
        return out;
    }

    /** The SPRP: AEZ encryption with τ = 0 and no AD. */
    public static byte[] sprpEncrypt(byte[] key, byte[] iv, byte[] msg) {
        return Aez.encrypt(key, iv, msg);
    }

    /** The SPRP inverse. */
    public static byte[] sprpDecrypt(byte[] key, byte[] iv, byte[] msg) {
        return Aez.decrypt(key, iv, msg);
    }

    /** True iff every byte of {@code b[off, off+len)} is zero, in time independent of the contents. */
    public static boolean isZeroConstantTime(byte[] b, int off, int len) {
        int acc = 0;
        for (int k = 0; k < len; k++) {
            acc |= b[off + k];
        }
        return acc == 0;
    }
}
