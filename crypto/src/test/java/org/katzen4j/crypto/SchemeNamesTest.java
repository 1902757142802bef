package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every scheme name hpqc v0.0.68 registers (oracle set crypto/names) is either implemented here with
 * the same canonical spelling and sizes, or reported as {@link CryptoException.Kind#UNSUPPORTED}.
 */
class SchemeNamesTest {

    @Test
    void registryMatchesHpqc() throws Exception {
        List<JsonNode> names = Vectors.load("names.json", "names");
        Set<String> implemented = new HashSet<>();
        int unsupported = 0;
        for (JsonNode n : names) {
            String family = n.get("family").asString();
            String name = n.get("name").asString();
            try {
                switch (family) {
                    case "nike" -> {
                        NikeScheme s = Schemes.nike(name.toUpperCase(Locale.ROOT));
                        assertThat(s.name()).isEqualTo(name);
                        assertThat(s.publicKeySize()).isEqualTo(n.get("public_key_size").asInt());
                        assertThat(s.privateKeySize()).isEqualTo(n.get("private_key_size").asInt());
                    }
                    case "kem" -> {
                        KemScheme s = Schemes.kem(name.toLowerCase(Locale.ROOT));
                        assertThat(s.name()).isEqualTo(name);
                        assertThat(s.publicKeySize()).as(name).isEqualTo(n.get("public_key_size").asInt());
                        assertThat(s.privateKeySize()).as(name).isEqualTo(n.get("private_key_size").asInt());
                        assertThat(s.ciphertextSize()).as(name).isEqualTo(n.get("ciphertext_size").asInt());
                        assertThat(s.sharedSecretSize()).as(name).isEqualTo(n.get("shared_secret_size").asInt());
                    }
                    case "sign" -> {
                        SignatureScheme s = Schemes.signature(name);
                        assertThat(s.name()).isEqualTo(name);
                        assertThat(s.publicKeySize()).isEqualTo(n.get("public_key_size").asInt());
                        assertThat(s.privateKeySize()).isEqualTo(n.get("private_key_size").asInt());
                        assertThat(s.signatureSize()).isEqualTo(n.get("signature_size").asInt());
                    }
                    default -> throw new AssertionError(family);
                }
                implemented.add(family + ":" + name);
            } catch (CryptoException e) {
                assertThat(e.kind()).as("%s %s: %s", family, name, e.getMessage()).isEqualTo(CryptoException.Kind.UNSUPPORTED);
                unsupported++;
            }
        }
        assertThat(implemented).contains("kem:XWING", "kem:MLKEM768", "kem:x25519", "kem:Kyber768-X25519",
                "nike:x25519", "nike:x448", "sign:Ed25519", "sign:Ed25519 Sphincs+", "sign:Ed448-Sphincs+");
        assertThat(implemented.size() + unsupported).isEqualTo(names.size());
        // and Java registers nothing hpqc does not know
        int javaCount = Schemes.allNike().size() + Schemes.allKem().size() + Schemes.allSignature().size();
        assertThat(javaCount).isEqualTo(implemented.size());
        assertThatThrownBy(() -> Schemes.kem("XWING-draft-06"))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.UNKNOWN_SCHEME));
    }
}
