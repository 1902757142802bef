package org.katzen4j.sphinx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.SphinxException;

/**
 * The unclamped ladder against BouncyCastle's X25519, the blinding-chain identity it is used for,
 * the constant-time scalar product mod 8ℓ against BigInteger, and the on-curve test that keeps
 * twist keys on the reference's chain.
 */
class X25519LadderTest {
    private static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger EIGHT_L = L.shiftLeft(3);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private static byte[] rnd(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return b;
    }

    private static byte[] x25519(byte[] k, byte[] u) {
        byte[] out = new byte[32];
        X25519.scalarMult(k, 0, u, 0, out, 0);
        return out;
    }

    private static BigInteger big(int[] w) {
        byte[] le = Scalar8L.toBytes(w);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return new BigInteger(1, be);
    }

    private static int[] words(BigInteger v) {
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = (byte) v.shiftRight(8 * i).intValue();
        }
        return Scalar8L.fromBytes(le);
    }

    /** The reference clamping as an integer (RFC 7748 decodeScalar25519). */
    private static BigInteger clampedBig(byte[] k) {
        return big(Scalar8L.fromBytes(k)).clearBit(0).clearBit(1).clearBit(2).clearBit(255).setBit(254);
    }

    @Test
    void clampedScalarMatchesX25519OnCurveAndTwistPoints() {
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] k = rnd(r);
            byte[] u = rnd(r); // arbitrary u: about half are on the twist, top bit ignored by both
            assertThat(X25519Ladder.scalarMult(Scalar8L.clamped(k), u)).isEqualTo(x25519(k, u));
            assertThat(big(Scalar8L.clamped(k))).isEqualTo(clampedBig(k));
        }
    }

    @Test
    void baseMultiplicationMatchesPublicKeyDerivation() {
        Random r = new Random(8);
        for (int i = 0; i < 10; i++) {
            byte[] k = rnd(r);
            byte[] pub = new byte[32];
            X25519.scalarMultBase(k, 0, pub, 0);
            assertThat(X25519Ladder.scalarMultBase(Scalar8L.clamped(k))).isEqualTo(pub);
        }
    }

    @Test
    void productModEightLMatchesBigIntegerOnRandomInputs() {
        Random r = new Random(10);
        for (int i = 0; i < 20000; i++) {
            BigInteger a = new BigInteger(256, r);
            BigInteger b = new BigInteger(256, r);
            // shorter operands too, so high zero words and small values are covered
            if (i % 4 == 1) {
                a = a.shiftRight(r.nextInt(256));
            } else if (i % 4 == 2) {
                b = b.shiftRight(r.nextInt(256));
            }
            assertThat(big(Scalar8L.mulMod(words(a), words(b)))).as("%s * %s", a, b)
                    .isEqualTo(a.multiply(b).mod(EIGHT_L));
        }
    }

    @Test
    void productModEightLMatchesBigIntegerOnEdgeValues() {
        List<BigInteger> edges = new ArrayList<>();
        for (BigInteger base : new BigInteger[] {BigInteger.ZERO, L, EIGHT_L, TWO_256, BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(254), BigInteger.ONE.shiftLeft(252), EIGHT_L.shiftRight(1), L.shiftLeft(1)}) {
            for (int d = -3; d <= 3; d++) {
                BigInteger v = base.add(BigInteger.valueOf(d));
                if (v.signum() >= 0 && v.compareTo(TWO_256) < 0) {
                    edges.add(v);
                }
            }
        }
        edges.add(TWO_256.subtract(BigInteger.ONE));
        edges.add(EIGHT_L.multiply(BigInteger.ONE).subtract(BigInteger.valueOf(8)));
        // all-ones words, alternating bits, single words set
        edges.add(new BigInteger("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 16));
        edges.add(new BigInteger("5555555555555555555555555555555555555555555555555555555555555555", 16));
        for (int w = 0; w < 8; w++) {
            edges.add(BigInteger.valueOf(0xffffffffL).shiftLeft(32 * w));
        }
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                assertThat(big(Scalar8L.mulMod(words(a), words(b)))).as("%s * %s", a, b)
                        .isEqualTo(a.multiply(b).mod(EIGHT_L));
            }
        }
        // clamped × clamped, the only shape the header uses, at the extremes of the clamp
        byte[] lo = new byte[32];
        byte[] hi = new byte[32];
        java.util.Arrays.fill(hi, (byte) 0xff);
        for (byte[] x : new byte[][] {lo, hi}) {
            for (byte[] y : new byte[][] {lo, hi}) {
                assertThat(big(Scalar8L.mulMod(Scalar8L.clamped(x), Scalar8L.clamped(y))))
                        .isEqualTo(clampedBig(x).multiply(clampedBig(y)).mod(EIGHT_L));
            }
        }
    }

    @Test
    void chainOfClampedMultiplicationsIsOneMultiplicationByTheProductModEightL() {
        Random r = new Random(9);
        for (int i = 0; i < 8; i++) {
            byte[] p = new byte[32];
            X25519.scalarMultBase(rnd(r), 0, p, 0);    // a node's public key: on the curve
            assertThat(X25519Ladder.onCurve(p)).isTrue();
            byte[] chained = p;
            int[] prod = words(BigInteger.ONE);
            for (int j = 0; j < 6; j++) {
                byte[] k = rnd(r);
                chained = x25519(k, chained);
                prod = Scalar8L.mulMod(prod, Scalar8L.clamped(k));
                assertThat(X25519Ladder.scalarMult(prod, p)).as("after %d factors", j + 1).isEqualTo(chained);
            }
        }
    }

    @Test
    void onCurveSeparatesCurveFromTwist() {
        Random r = new Random(11);
        int curve = 0;
        for (int i = 0; i < 200; i++) {
            byte[] u = rnd(r);
            boolean on = X25519Ladder.onCurve(u);
            // independent check: on the curve, the chain identity holds for a two-factor chain;
            // on the twist, multiplying by 8ℓ (a multiple of the curve order) does not give zero
            byte[] k1 = rnd(r);
            byte[] k2 = rnd(r);
            byte[] chained = x25519(k2, x25519(k1, u));
            byte[] once = X25519Ladder.scalarMult(Scalar8L.mulMod(Scalar8L.clamped(k1), Scalar8L.clamped(k2)), u);
            byte[] timesOrder = X25519Ladder.scalarMult(words(EIGHT_L), u);
            if (on) {
                curve++;
                assertThat(once).isEqualTo(chained);
                assertThat(timesOrder).isEqualTo(new byte[32]);
            } else {
                assertThat(timesOrder).isNotEqualTo(new byte[32]);
            }
        }
        assertThat(curve).isBetween(60, 140);
    }

    @Test
    void headerKeysRefuseATwistKey() throws SphinxException {
        Random r = new Random(12);
        byte[] twist;
        do {
            twist = rnd(r);
        } while (X25519Ladder.onCurve(twist));
        byte[] good = new byte[32];
        X25519.scalarMultBase(rnd(r), 0, good, 0);
        SphinxCrypto.PacketKeys[] keys = new SphinxCrypto.PacketKeys[2];
        byte[][] alphas = new byte[2][];
        assertThat(X25519Ladder.headerKeys(rnd(r), List.of(good, twist), keys, alphas)).isFalse();
        assertThat(keys).containsOnlyNulls();
        assertThat(alphas[1]).isNull();
        assertThat(X25519Ladder.headerKeys(rnd(r), List.of(good, good), keys, alphas)).isTrue();
        assertThat(keys).doesNotContainNull();
    }

    @Test
    void lowOrderPointsStillGiveZero() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        int[] prod = Scalar8L.mulMod(Scalar8L.clamped(new byte[32]), Scalar8L.clamped(one));
        assertThat(X25519Ladder.scalarMult(prod, zero)).isEqualTo(new byte[32]);
        assertThat(X25519Ladder.scalarMult(prod, one)).isEqualTo(new byte[32]);
    }
}
