package org.katzen4j.wire.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Noise SymmetricState with HASH = BLAKE2b-512 (HASHLEN 64) and HKDF = RFC 5869 over
 * HMAC-BLAKE2b-512 with salt = ck, info empty; keys are the first 32 bytes of an output block.
 */
final class SymmetricState implements AutoCloseable {
    static final int HASH_LENGTH = 64;

    private final CipherState cs = new CipherState();
    private byte[] ck;
    private byte[] h;

    SymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        h = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH) : hash(name);
        ck = h.clone();
        cs.initializeKey(null);
    }

    CipherState cipherState() {
        return cs;
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    void mixHash(byte[] data) {
        h = hash(h, data);
    }

    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ikm, 2);
        replaceCk(out[0]);
        cs.initializeKey(Arrays.copyOf(out[1], CipherState.KEY_LENGTH));
        Arrays.fill(out[1], (byte) 0);
    }

    void mixKeyAndHash(byte[] ikm) {
        byte[][] out = hkdf(ikm, 3);
        replaceCk(out[0]);
        mixHash(out[1]);
        cs.initializeKey(Arrays.copyOf(out[2], CipherState.KEY_LENGTH));
        Arrays.fill(out[2], (byte) 0);
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] c = cs.encryptWithAd(h, plaintext);
        mixHash(c);
        return c;
    }

    byte[] decryptAndHash(byte[] ciphertext) throws AEADBadTagException {
        byte[] prev = h;
        mixHash(ciphertext);
        return cs.decryptWithAd(prev, ciphertext);
    }

    /** The two transport CipherStates (first: initiator to responder). */
    CipherState[] split() {
        byte[][] out = hkdf(new byte[0], 2);
        CipherState c1 = CipherState.withKey(Arrays.copyOf(out[0], CipherState.KEY_LENGTH));
        CipherState c2 = CipherState.withKey(Arrays.copyOf(out[1], CipherState.KEY_LENGTH));
        Arrays.fill(out[0], (byte) 0);
        Arrays.fill(out[1], (byte) 0);
        return new CipherState[] {c1, c2};
    }

    private void replaceCk(byte[] next) {
        Arrays.fill(ck, (byte) 0);
        ck = next;
    }

    private byte[][] hkdf(byte[] ikm, int outputs) {
        byte[] prk = hmac(ck, ikm);
        byte[][] out = new byte[outputs][];
        byte[] prev = new byte[0];
        for (int i = 0; i < outputs; i++) {
            byte[] in = Arrays.copyOf(prev, prev.length + 1);
            in[prev.length] = (byte) (i + 1);
            out[i] = hmac(prk, in);
            prev = out[i];
        }
        Arrays.fill(prk, (byte) 0);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new Blake2bDigest(512));
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[HASH_LENGTH];
        mac.doFinal(out, 0);
        return out;
    }

    static byte[] hash(byte[]... parts) {
        Blake2bDigest d = new Blake2bDigest(512);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public void close() {
        Arrays.fill(ck, (byte) 0);
        cs.close();
    }
}
