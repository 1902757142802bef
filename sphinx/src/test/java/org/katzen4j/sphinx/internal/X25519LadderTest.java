package org.katzen4j.sphinx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** The unclamped ladder against BouncyCastle's X25519, and the blinding-chain identity it is used for. */
class X25519LadderTest {
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

    @Test
    void clampedScalarMatchesX25519OnCurveAndTwistPoints() {
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] k = rnd(r);
            byte[] u = rnd(r); // arbitrary u: about half are on the twist, top bit ignored by both
            assertThat(X25519Ladder.scalarMult(X25519Ladder.clamped(k), u)).isEqualTo(x25519(k, u));
        }
    }

    @Test
    void baseMultiplicationMatchesPublicKeyDerivation() {
        Random r = new Random(8);
        for (int i = 0; i < 10; i++) {
            byte[] k = rnd(r);
            byte[] pub = new byte[32];
            X25519.scalarMultBase(k, 0, pub, 0);
            assertThat(X25519Ladder.scalarMultBase(X25519Ladder.clamped(k))).isEqualTo(pub);
        }
    }

    @Test
    void chainOfClampedMultiplicationsIsOneMultiplicationByTheProductModEightL() {
        Random r = new Random(9);
        for (int i = 0; i < 8; i++) {
            byte[] p = new byte[32];
            X25519.scalarMultBase(rnd(r), 0, p, 0);    // a node's public key: on the curve
            byte[] chained = p;
            BigInteger prod = BigInteger.ONE;
            for (int j = 0; j < 6; j++) {
                byte[] k = rnd(r);
                chained = x25519(k, chained);
                prod = X25519Ladder.mulMod(prod, X25519Ladder.clamped(k));
                assertThat(X25519Ladder.scalarMult(prod, p)).as("after %d factors", j + 1).isEqualTo(chained);
            }
        }
    }

    @Test
    void lowOrderPointsStillGiveZero() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        BigInteger prod = X25519Ladder.mulMod(X25519Ladder.clamped(new byte[32]), X25519Ladder.clamped(one));
        assertThat(X25519Ladder.scalarMult(prod, zero)).isEqualTo(new byte[32]);
        assertThat(X25519Ladder.scalarMult(prod, one)).isEqualTo(new byte[32]);
    }
}
