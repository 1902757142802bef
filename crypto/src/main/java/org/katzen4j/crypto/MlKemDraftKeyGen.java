package org.katzen4j.crypto;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * Seeded ML-KEM-768 key generation as the reference does it: the FIPS 203 initial public draft
 * (with Kyber round-3 matrix order), whose K-PKE seed expansion is {@code (ρ, σ) = SHA3-512(d)}
 * without the final standard's domain separator {@code k}. Kyber768 round 3 (circl) derives keys the
 * same way. BouncyCastle only offers the final form, so this one is written out from FIPS 203
 * Algorithms 6–9, 12–13 with plain arithmetic mod q (key generation from a seed is not a secret-timing
 * hot path for a client; it exists for cross-implementation key derivation).
 */
final class MlKemDraftKeyGen {
    private static final int Q = 3329;
    private static final int N = 256;
    private static final int K = 3;
    private static final int[] ZETAS = new int[128];
    private static final int[] GAMMAS = new int[128];

    static {
        for (int i = 0; i < 128; i++) {
            ZETAS[i] = pow(17, bitRev7(i));
            GAMMAS[i] = pow(17, 2 * bitRev7(i) + 1);
        }
    }

    private MlKemDraftKeyGen() {
    }

    /** {ek (1184), dk (2400)} from d (32) and z (32). */
    static byte[][] generate(byte[] d, byte[] z) {
        byte[] g = new byte[64];
        SHA3Digest sha3 = new SHA3Digest(512);
        sha3.update(d, 0, 32);
        sha3.doFinal(g, 0);
        byte[] rho = Arrays.copyOf(g, 32);
        byte[] sigma = Arrays.copyOfRange(g, 32, 64);
        int[][][] a = new int[K][K][];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                a[i][j] = sampleNtt(rho, (byte) j, (byte) i);
            }
        }
        int nonce = 0;
        int[][] s = new int[K][];
        int[][] e = new int[K][];
        for (int i = 0; i < K; i++) {
            s[i] = ntt(cbd2(prf(sigma, nonce++)));
        }
        for (int i = 0; i < K; i++) {
            e[i] = ntt(cbd2(prf(sigma, nonce++)));
        }
        byte[] ek = new byte[MlKem768.PUBLIC_SIZE];
        byte[] dkPke = new byte[K * 384];
        for (int i = 0; i < K; i++) {
            int[] t = e[i].clone();
            for (int j = 0; j < K; j++) {
                int[] p = multiplyNtts(a[i][j], s[j]);
                for (int c = 0; c < N; c++) {
                    t[c] = (t[c] + p[c]) % Q;
                }
            }
            encode12(t, ek, i * 384);
            encode12(s[i], dkPke, i * 384);
        }
        System.arraycopy(rho, 0, ek, K * 384, 32);
        byte[] h = MlKem768.sha3_256(ek, 0, ek.length);
        byte[] dk = new byte[MlKem768.DECAPS_SIZE];
        System.arraycopy(dkPke, 0, dk, 0, dkPke.length);
        System.arraycopy(ek, 0, dk, dkPke.length, ek.length);
        System.arraycopy(h, 0, dk, dkPke.length + ek.length, 32);
        System.arraycopy(z, 0, dk, dkPke.length + ek.length + 32, 32);
        Arrays.fill(g, (byte) 0);
        Arrays.fill(sigma, (byte) 0);
        Arrays.fill(dkPke, (byte) 0);
        for (int[] x : s) {
            Arrays.fill(x, 0);
        }
        for (int[] x : e) {
            Arrays.fill(x, 0);
        }
        return new byte[][] {ek, dk};
    }

    private static int[] sampleNtt(byte[] rho, byte j, byte i) {
        SHAKEDigest xof = new SHAKEDigest(128);
        xof.update(rho, 0, 32);
        xof.update(j);
        xof.update(i);
        int[] a = new int[N];
        byte[] buf = new byte[168];
        int filled = 0;
        while (filled < N) {
            xof.doOutput(buf, 0, buf.length);
            for (int p = 0; p + 2 < buf.length && filled < N; p += 3) {
                int b0 = buf[p] & 0xff;
                int b1 = buf[p + 1] & 0xff;
                int b2 = buf[p + 2] & 0xff;
                int d1 = b0 | ((b1 & 0x0f) << 8);
                int d2 = (b1 >>> 4) | (b2 << 4);
                if (d1 < Q) {
                    a[filled++] = d1;
                }
                if (d2 < Q && filled < N) {
                    a[filled++] = d2;
                }
            }
        }
        return a;
    }

    private static byte[] prf(byte[] sigma, int nonce) {
        SHAKEDigest x = new SHAKEDigest(256);
        x.update(sigma, 0, 32);
        x.update((byte) nonce);
        byte[] out = new byte[128];
        x.doFinal(out, 0, out.length);
        return out;
    }

    /** Centred binomial distribution with η = 2 over 128 bytes. */
    private static int[] cbd2(byte[] b) {
        int[] f = new int[N];
        for (int i = 0; i < N; i++) {
            int bits = (b[i / 2] & 0xff) >>> (4 * (i % 2));
            int x = (bits & 1) + ((bits >>> 1) & 1);
            int y = ((bits >>> 2) & 1) + ((bits >>> 3) & 1);
            f[i] = (x - y + Q) % Q;
        }
        Arrays.fill(b, (byte) 0);
        return f;
    }

    private static int[] ntt(int[] f) {
        int[] a = f.clone();
        int k = 1;
        for (int len = 128; len >= 2; len >>= 1) {
            for (int start = 0; start < N; start += 2 * len) {
                int zeta = ZETAS[k++];
                for (int j = start; j < start + len; j++) {
                    int t = (int) ((long) zeta * a[j + len] % Q);
                    a[j + len] = (a[j] - t + Q) % Q;
                    a[j] = (a[j] + t) % Q;
                }
            }
        }
        Arrays.fill(f, 0);
        return a;
    }

    private static int[] multiplyNtts(int[] f, int[] g) {
        int[] h = new int[N];
        for (int i = 0; i < 128; i++) {
            long a0 = f[2 * i];
            long a1 = f[2 * i + 1];
            long b0 = g[2 * i];
            long b1 = g[2 * i + 1];
            h[2 * i] = (int) ((a0 * b0 + (a1 * b1 % Q) * GAMMAS[i]) % Q);
            h[2 * i + 1] = (int) ((a0 * b1 + a1 * b0) % Q);
        }
        return h;
    }

    private static void encode12(int[] f, byte[] out, int off) {
        for (int i = 0; i < N; i += 2) {
            int c0 = f[i];
            int c1 = f[i + 1];
            int o = off + (i / 2) * 3;
            out[o] = (byte) c0;
            out[o + 1] = (byte) ((c0 >>> 8) | (c1 << 4));
            out[o + 2] = (byte) (c1 >>> 4);
        }
    }

    private static int bitRev7(int i) {
        return Integer.reverse(i) >>> 25;
    }

    private static int pow(int base, int exp) {
        long r = 1;
        long b = base;
        while (exp > 0) {
            if ((exp & 1) == 1) {
                r = r * b % Q;
            }
            b = b * b % Q;
            exp >>= 1;
        }
        return (int) r;
    }
}
