package org.katzen4j.crypto.sym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.CryptoException;

/** The offset API and the per-thread cipher against BouncyCastle's independent implementation. */
class ChaCha20Poly1305Test {

    private static byte[] bouncySeal(byte[] key, byte[] nonce, byte[] ad, byte[] pt) throws Exception {
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        c.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, ad));
        byte[] out = new byte[pt.length + 16];
        int n = c.processBytes(pt, 0, pt.length, out, 0);
        c.doFinal(out, n);
        return out;
    }

    @Test
    void matchesBouncyCastleAtEveryOffsetAndLength() throws Exception {
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            r.nextBytes(key);
            r.nextBytes(nonce);
            byte[] ad = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(40)];
            r.nextBytes(ad);
            int len = i < 80 ? i : r.nextInt(5000);
            byte[] pt = new byte[len];
            r.nextBytes(pt);
            byte[] expect = bouncySeal(key, nonce, ad, pt);

            assertThat(ChaCha20Poly1305.seal(key, nonce, ad, pt)).isEqualTo(expect);

            int inOff = r.nextInt(9);
            int outOff = r.nextInt(9);
            byte[] in = new byte[inOff + len + 5];
            System.arraycopy(pt, 0, in, inOff, len);
            byte[] out = new byte[outOff + len + 16 + 3];
            assertThat(ChaCha20Poly1305.seal(key, nonce, ad, in, inOff, len, out, outOff)).isEqualTo(len + 16);
            assertThat(Arrays.copyOfRange(out, outOff, outOff + len + 16)).isEqualTo(expect);

            byte[] back = new byte[inOff + len];
            assertThat(ChaCha20Poly1305.open(key, nonce, ad, out, outOff, len + 16, back, inOff)).isEqualTo(len);
            assertThat(Arrays.copyOfRange(back, inOff, inOff + len)).isEqualTo(pt);
            assertThat(ChaCha20Poly1305.open(key, nonce, ad, expect)).isEqualTo(pt);
        }
    }

    @Test
    void sameKeyAndNonceInOneThreadStillWorks() throws Exception {
        // one thread playing both ends of a session: decrypt (k, n) then encrypt (k, n) again
        byte[] key = new byte[32];
        byte[] nonce = ChaCha20Poly1305.noiseNonce(3);
        byte[] pt = "frame".getBytes();
        byte[] ct = ChaCha20Poly1305.seal(key, nonce, null, pt);
        assertThat(ChaCha20Poly1305.seal(key, nonce, null, pt)).isEqualTo(ct);
        assertThat(ChaCha20Poly1305.open(key, nonce, null, ct)).isEqualTo(pt);
        assertThat(ChaCha20Poly1305.seal(key, nonce, null, pt)).isEqualTo(ct);
    }

    @Test
    void failedOpenLeavesOutputUntouchedAndCipherUsable() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] nonce = ChaCha20Poly1305.noiseNonce(1);
        byte[] ad = {1, 2};
        byte[] ct = ChaCha20Poly1305.seal(key, nonce, ad, new byte[100]);
        for (int bit : new int[] {0, 99 * 8, 115 * 8 + 7}) {
            byte[] bad = ct.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] out = new byte[100];
            Arrays.fill(out, (byte) 0x5a);
            assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, ad, bad, 0, bad.length, out, 0))
                    .isInstanceOfSatisfying(CryptoException.class,
                            e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION_FAILED));
            byte[] expectOut = new byte[100];
            Arrays.fill(expectOut, (byte) 0x5a);
            assertThat(out).isEqualTo(expectOut);
        }
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, new byte[] {1, 3}, ct))
                .isInstanceOf(CryptoException.class);
        assertThat(ChaCha20Poly1305.open(key, nonce, ad, ct)).isEqualTo(new byte[100]);
    }

    @Test
    void rangesAreChecked() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        assertThatThrownBy(() -> ChaCha20Poly1305.seal(key, nonce, null, new byte[10], 0, 10, new byte[25], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.seal(key, nonce, null, new byte[10], 1, 10, new byte[26], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, null, new byte[20], 0, 15, new byte[5], 0))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.seal(new byte[31], nonce, null, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsDoNotShareState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] fs = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                int seed = t;
                fs[t] = pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        byte[] key = new byte[32];
                        byte[] nonce = new byte[12];
                        byte[] pt = new byte[r.nextInt(3300)];
                        r.nextBytes(key);
                        r.nextBytes(nonce);
                        r.nextBytes(pt);
                        byte[] ct = ChaCha20Poly1305.seal(key, nonce, null, pt);
                        assertThat(ct).isEqualTo(bouncySeal(key, nonce, null, pt));
                        assertThat(ChaCha20Poly1305.open(key, nonce, null, ct)).isEqualTo(pt);
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
