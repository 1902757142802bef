package org.katzen4j.crypto.sym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.CryptoException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Go → Java: the oracle's crypto/sym vectors (x/crypto, katzenpost/chacha20, Go stdlib). */
class SymVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] b(JsonNode c, String f) {
        return c.has(f) ? HEX.parseHex(c.get(f).asString()) : null;
    }

    private static byte[] orEmpty(byte[] x) {
        return x == null ? new byte[0] : x;
    }

    @Test
    void allOperations() throws Exception {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = SymVectorsTest.class.getResourceAsStream("/vectors/sym.json")) {
            new ObjectMapper().readTree(in).get("sym").forEach(cases::add);
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode c : cases) {
            String op = c.get("op").asString();
            seen.add(op);
            byte[] key = orEmpty(b(c, "key"));
            byte[] in = orEmpty(b(c, "input"));
            byte[] nonce = b(c, "nonce");
            int len = c.path("length").asInt(0);
            byte[] got = switch (op) {
                case "blake2b-256" -> Blake2b.sum256(in);
                case "blake2b-512" -> Blake2b.sum512(in);
                case "sha512-256" -> Hashes.sha512_256(in);
                case "blake2b-keyed" -> Blake2b.digest(len, key, in);
                case "blake2xb" -> Blake2b.xof(len, key, in);
                case "blake2xb-unknown" -> Blake2b.xofUnknownLength(len, key, in);
                case "hkdf-sha256-expand" -> Hkdf.sha256Expand(key, in, len);
                case "hkdf-sha256" -> Hkdf.sha256(key, b(c, "salt"), in, len);
                case "hkdf-blake2b-512" -> Hkdf.blake2b512(key, b(c, "salt"), in, len);
                case "hmac-sha256" -> Hmac.sha256(key, in);
                case "hmac-blake2b-512" -> Hmac.blake2b512(key, in);
                case "aes-ctr" -> StreamCiphers.aesCtr(key, nonce, in);
                case "chacha20" -> StreamCiphers.chacha20Keystream(key, nonce, len);
                case "chacha20poly1305" -> {
                    byte[] ct = ChaCha20Poly1305.seal(key, nonce, b(c, "ad"), in);
                    assertThat(ChaCha20Poly1305.open(key, nonce, b(c, "ad"), ct)).isEqualTo(in);
                    yield ct;
                }
                default -> throw new AssertionError("unknown op " + op);
            };
            assertThat(HEX.formatHex(got)).as("%s (len %d)", op, len).isEqualTo(c.get("output").asString());
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void aeadRejectsTampering() {
        byte[] key = new byte[32];
        byte[] nonce = ChaCha20Poly1305.noiseNonce(7);
        assertThat(HEX.formatHex(nonce)).isEqualTo("000000000700000000000000");
        byte[] ct = ChaCha20Poly1305.seal(key, nonce, null, "hello".getBytes());
        ct[0] ^= 1;
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, null, ct))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION_FAILED));
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, null, new byte[15]))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_SIZE));
    }
}
