package org.katzen4j.pigeonhole.bacap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The hand-written group, scalar and cipher pieces against independent computations. */
class ArithmeticTest {
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    static BigInteger le(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, r);
    }

    static byte[] le32(BigInteger v) {
        byte[] out = new byte[32];
        byte[] be = v.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    @Test
    void foldConstantIsMinusC() {
        BigInteger v = BigInteger.ZERO;
        for (int j = 0; j < ScalarL.NEG_C.length; j++) {
            v = v.add(BigInteger.valueOf(ScalarL.NEG_C[j]).shiftLeft(21 * j));
        }
        assertThat(v).isEqualTo(BigInteger.TWO.pow(252).subtract(L));
    }

    @Test
    void reductionAndMulAddMatchBigInteger() {
        Random r = new Random(1);
        for (int n = 0; n < 2000; n++) {
            byte[] wide = new byte[64];
            r.nextBytes(wide);
            if (n % 7 == 0) {
                Arrays.fill(wide, (byte) 0xff);
            }
            if (n % 11 == 0) {
                Arrays.fill(wide, 32, 64, (byte) 0);
            }
            assertThat(le(ScalarL.reduce(wide))).isEqualTo(le(wide).mod(L));
            byte[] a = new byte[32], b = new byte[32], c = new byte[32];
            r.nextBytes(a);
            r.nextBytes(b);
            r.nextBytes(c);
            if (n % 5 == 0) {
                Arrays.fill(a, (byte) 0xff);
                Arrays.fill(c, (byte) 0xff);
            }
            if (n % 13 == 0) {
                a = le32(L.subtract(BigInteger.ONE));
                b = le32(L.subtract(BigInteger.ONE));
            }
            assertThat(le(ScalarL.mulAdd(a, b, c))).isEqualTo(le(a).multiply(le(b)).add(le(c)).mod(L));
        }
        assertThat(le(ScalarL.reduce(le32(L)))).isZero();
        assertThat(ScalarL.isCanonical(le32(L))).isFalse();
        assertThat(ScalarL.isCanonical(le32(L.subtract(BigInteger.ONE)))).isTrue();
    }

    @Test
    void curveConstants() {
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
        assertThat(le(EdPoint.hex("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352"))).isEqualTo(d);
        assertThat(le(EdPoint.hex("59f1b226949bd6eb56b183829a14e00030d1f3eef2808e19e7fcdf56dcd90624"))).isEqualTo(d.shiftLeft(1).mod(P));
    }

    @Test
    void baseMultiplicationMatchesBouncyCastleKeyDerivation() {
        Random r = new Random(2);
        for (int n = 0; n < 50; n++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            byte[] bc = new byte[32];
            Ed25519.generatePublicKey(seed, 0, bc, 0);
            assertThat(Ed25519Blinding.publicFromSeed(seed)).isEqualTo(bc);
        }
        // order L: L*B is the identity, (L+1)*B = B
        assertThat(EdPoint.multiplyBase(le32(L)).encode()).isEqualTo(EdPoint.identity().encode());
        assertThat(EdPoint.multiplyBase(le32(L.add(BigInteger.ONE))).encode()).isEqualTo(EdPoint.BASE.encode());
    }

    @Test
    void blindingIsConsistentAndSignaturesVerifyWithBouncyCastle() {
        Random r = new Random(3);
        for (int n = 0; n < 20; n++) {
            byte[] seed = new byte[32];
            byte[] factor = new byte[1 + n];
            byte[] msg = new byte[n * 9];
            r.nextBytes(seed);
            r.nextBytes(factor);
            r.nextBytes(msg);
            byte[] pub = Ed25519Blinding.publicFromSeed(seed);
            byte[] s = Ed25519Blinding.blindedScalar(seed, factor);
            byte[] blindedPub = Ed25519Blinding.blindPublic(pub, factor);
            assertThat(EdPoint.multiplyBase(s).encode()).isEqualTo(blindedPub);
            byte[] sig = Ed25519Blinding.signWithScalar(s, blindedPub, msg);
            assertThat(Ed25519.verify(sig, 0, blindedPub, 0, msg, 0, msg.length)).isTrue();
            assertThat(Ed25519Blinding.verify(blindedPub, msg, sig)).isTrue();
            byte[] bad = sig.clone();
            bad[n % 64] ^= 1;
            assertThat(Ed25519Blinding.verify(blindedPub, msg, bad)).isFalse();
            // standard signatures verify too
            byte[] std = new byte[64];
            Ed25519.sign(seed, 0, msg, 0, msg.length, std, 0);
            assertThat(Ed25519Blinding.verify(pub, msg, std)).isTrue();
        }
    }

    @Test
    void verifyRejectsMalformedInputsWithoutThrowing() {
        byte[] pub = Ed25519Blinding.publicFromSeed(new byte[32]);
        assertThat(Ed25519Blinding.verify(pub, new byte[0], new byte[63])).isFalse();
        assertThat(Ed25519Blinding.verify(new byte[31], new byte[0], new byte[64])).isFalse();
        byte[] sig = new byte[64];
        Ed25519.sign(new byte[32], 0, new byte[0], 0, 0, sig, 0);
        byte[] sNonCanonical = sig.clone();
        byte[] sPlusL = le32(le(Arrays.copyOfRange(sig, 32, 64)).add(L));
        System.arraycopy(sPlusL, 0, sNonCanonical, 32, 32);
        assertThat(Ed25519Blinding.verify(pub, new byte[0], sig)).isTrue();
        assertThat(Ed25519Blinding.verify(pub, new byte[0], sNonCanonical)).isFalse();
        // y = 2 is not on the curve
        byte[] notPoint = new byte[32];
        notPoint[0] = 2;
        assertThat(Ed25519Blinding.verify(notPoint, new byte[0], sig)).isFalse();
    }

    @Test
    void aglGcmSivEqualsRfc8452WhenNonceTailIsZero() throws Exception {
        Random r = new Random(4);
        for (int len : new int[] {0, 1, 15, 16, 17, 64, 1000}) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[16];
            byte[] aad = new byte[len % 40];
            byte[] pt = new byte[len];
            r.nextBytes(key);
            r.nextBytes(nonce);
            r.nextBytes(aad);
            r.nextBytes(pt);
            Arrays.fill(nonce, 12, 16, (byte) 0);
            GCMSIVBlockCipher bc = new GCMSIVBlockCipher(AESEngine.newInstance());
            bc.init(true, new AEADParameters(new KeyParameter(key), 128, Arrays.copyOf(nonce, 12), aad));
            byte[] expect = new byte[bc.getOutputSize(len)];
            int k = bc.processBytes(pt, 0, len, expect, 0);
            bc.doFinal(expect, k);
            byte[] mine = AglGcmSiv.seal(key, nonce, pt, aad);
            assertThat(mine).isEqualTo(expect);
            assertThat(AglGcmSiv.open(key, nonce, mine, aad)).contains(pt);
            nonce[13] = 1;
            assertThat(AglGcmSiv.seal(key, nonce, pt, aad)).isNotEqualTo(expect);
            assertThat(AglGcmSiv.open(key, nonce, mine, aad)).isEqualTo(Optional.empty());
        }
    }
}
