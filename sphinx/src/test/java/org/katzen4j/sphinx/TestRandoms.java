package org.katzen4j.sphinx;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/** Deterministic SecureRandoms for tests. */
public final class TestRandoms {
    private TestRandoms() {
    }

    /** The oracle's detRand(label): SHAKE-256 of "katzen4j oracle " + label. */
    public static SecureRandom detRand(String label) {
        return new DetRand(label);
    }

    /** Serves exactly the given bytes, then fails (so a test notices extra draws). */
    public static SecureRandom fixed(byte[]... parts) {
        return new Fixed(parts);
    }

    /** hpqc's deterministic reader over 32 × b: ChaCha20 keystream, key 32 × b, zero nonce. */
    public static byte[] det(int b, int n) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) b);
        return SphinxCrypto.chachaStream(key, n);
    }

    private static final class DetRand extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient SHAKEDigest shake = new SHAKEDigest(256);

        DetRand(String label) {
            byte[] in = ("katzen4j oracle " + label).getBytes(StandardCharsets.UTF_8);
            shake.update(in, 0, in.length);
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            shake.doOutput(bytes, 0, bytes.length);
        }
    }

    private static final class Fixed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] data;
        private int pos;

        Fixed(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            data = new byte[n];
            int o = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, data, o, p.length);
                o += p.length;
            }
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (pos + bytes.length > data.length) {
                throw new IllegalStateException("fixed randomness exhausted");
            }
            System.arraycopy(data, pos, bytes, 0, bytes.length);
            pos += bytes.length;
        }
    }
}
