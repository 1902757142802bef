package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Go → Java: Go's {@code crypto/ed25519.Verify} verdicts on edge cases (interop/oracle
 * crypto_ed25519_edge.go): non-canonical S and R, small-order and mixed-order public keys, keys
 * with a non-canonical y or a "negative zero" x, torsion in R. Our verifier must accept and reject
 * exactly the same signatures.
 */
class Ed25519EdgeCaseTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sameVerdictsAsGo() throws Exception {
        JsonNode root;
        try (InputStream in = Ed25519EdgeCaseTest.class.getResourceAsStream("/vectors/ed25519_edge.json")) {
            root = new ObjectMapper().readTree(in);
        }
        SignatureScheme s = Schemes.ED25519;
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            SignaturePublicKey pk = s.publicKeyFromBytes(HEX.parseHex(c.get("publicKey").asString()));
            boolean got = s.verify(pk, HEX.parseHex(c.get("message").asString()),
                    HEX.parseHex(c.get("signature").asString()));
            if (got != c.get("valid").asBoolean()) {
                mismatches.add(c.get("name").asString() + " (Go " + c.get("valid").asBoolean() + ", Java " + got + ")");
            }
            n++;
        }
        assertThat(n).isGreaterThan(50);
        assertThat(mismatches).isEmpty();
    }

    /**
     * On ordinary keys and signatures without torsion, BouncyCastle and Go agree, so BouncyCastle
     * is an independent check of the arithmetic: valid signatures over random messages of random
     * lengths, and the same with one flipped bit anywhere in key, message or signature.
     */
    @Test
    void agreesWithBouncyCastleOnOrdinarySignatures() throws Exception {
        Random r = new Random(25519);
        for (int i = 0; i < 300; i++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            byte[] pk = new byte[32];
            Ed25519.generatePublicKey(seed, 0, pk, 0);
            byte[] m = new byte[i < 100 ? i : r.nextInt(30000)];
            r.nextBytes(m);
            byte[] sig = new byte[64];
            Ed25519.sign(seed, 0, pk, 0, m, 0, m.length, sig, 0);
            assertThat(Ed25519Verifier.verify(pk, m, sig)).as("valid %d", i).isTrue();
            int where = r.nextInt(3);
            byte[] target = where == 0 ? pk : where == 1 ? sig : m;
            if (target.length == 0) {
                target = sig;
            }
            target[r.nextInt(target.length)] ^= (byte) (1 << r.nextInt(8));
            assertThat(Ed25519Verifier.verify(pk, m, sig)).as("corrupted %d", i)
                    .isEqualTo(Ed25519.verify(sig, 0, pk, 0, m, 0, m.length));
        }
    }
}
