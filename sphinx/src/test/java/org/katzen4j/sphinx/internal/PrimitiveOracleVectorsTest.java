package org.katzen4j.sphinx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.sphinx.Vectors.hex;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.Vectors;

import tools.jackson.databind.JsonNode;

/** AEZ and KDF vectors written by the Go oracle with the reference packages. */
class PrimitiveOracleVectorsTest {

    @Test
    void aezAllLengths() {
        JsonNode all = Vectors.load("sphinx_aez.json");
        assertThat(all.size()).isGreaterThan(200);
        for (JsonNode v : all) {
            byte[] key = hex(v.get("key"));
            byte[] nonce = hex(v.get("nonce"));
            byte[] pt = hex(v.get("plaintext"));
            byte[] ct = hex(v.get("ciphertext"));
            String what = "n=" + pt.length;
            Aez a = new Aez(key);
            assertThat(a.encrypt(nonce, pt)).as(what).isEqualTo(ct);
            assertThat(a.decrypt(nonce, ct)).as(what).isEqualTo(pt);
            assertThat(a.decrypt(nonce, pt)).as(what + " decrypt direction").isEqualTo(hex(v.get("decryptOfPlaintext")));
        }
    }

    @Test
    void kdfAndBlindingFactor() {
        JsonNode all = Vectors.load("sphinx_kdf.json");
        assertThat(all.size()).isEqualTo(16);
        for (JsonNode v : all) {
            try (var k = SphinxCrypto.kdf(hex(v.get("sharedSecret")))) {
                assertThat(hex(k.headerMac)).isEqualTo(v.get("headerMac").asString());
                assertThat(hex(k.headerEncryption)).isEqualTo(v.get("headerEncryption").asString());
                assertThat(hex(k.headerEncryptionIv)).isEqualTo(v.get("headerEncryptionIv").asString());
                assertThat(hex(k.payloadEncryption)).isEqualTo(v.get("payloadEncryption").asString());
                assertThat(hex(k.blindingSeed)).isEqualTo(v.get("blindingSeed").asString());
                assertThat(hex(SphinxCrypto.chachaStream(k.blindingSeed, 32)))
                        .isEqualTo(v.get("x25519BlindingFactor").asString());
            }
        }
    }
}
