package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.crypto.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.testsupport.GoOracle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Java → Go: keys, PEM text, key hashes, KEM ciphertexts and signatures made here are checked by
 * the reference (oracle verifier {@code crypto/java}). Skipped, with the reason, when Go is absent.
 */
class JavaToGoTest {

    @Test
    void goAcceptsJavaOutput() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> nikes = new ArrayList<>();
        for (NikeScheme s : Schemes.allNike()) {
            NikePrivateKey sk = s.generate(new TestRandom("java nike " + s.name()));
            NikePrivateKey peer = s.generate(new TestRandom("java nike peer " + s.name()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", s.name());
            m.put("private_key", hex(sk.encoded()));
            m.put("public_key", hex(sk.publicKey().encoded()));
            m.put("public_pem", sk.publicKey().toPem());
            m.put("private_pem", sk.toPem());
            m.put("key_hash", hex(sk.publicKey().keyHash()));
            m.put("peer_public_key", hex(peer.publicKey().encoded()));
            m.put("shared_secret", hex(s.deriveSecret(sk, peer.publicKey())));
            nikes.add(m);
        }
        out.put("nike", nikes);

        Map<String, JsonNode> goKems = new LinkedHashMap<>();
        for (JsonNode c : Vectors.load("kem.json", "kem")) {
            goKems.putIfAbsent(c.get("scheme").asString(), c);
        }
        List<Map<String, Object>> kems = new ArrayList<>();
        for (KemScheme s : Schemes.allKem()) {
            TestRandom rnd = new TestRandom("java kem " + s.name());
            KemPrivateKey sk = s.generate(rnd);
            KemEncapsulation enc = s.encapsulate(sk.publicKey(), rnd);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", s.name());
            m.put("private_key", hex(sk.encoded()));
            m.put("public_key", hex(sk.publicKey().encoded()));
            m.put("public_pem", sk.publicKey().toPem());
            m.put("private_pem", sk.toPem());
            m.put("key_hash", hex(sk.publicKey().keyHash()));
            m.put("ciphertext", hex(enc.ciphertext()));
            m.put("shared_secret", hex(enc.sharedSecret()));
            assertThat(s.decapsulate(sk, enc.ciphertext())).isEqualTo(enc.sharedSecret());
            JsonNode g = goKems.get(s.name());
            if (g != null) {
                KemPublicKey goPk = s.publicKeyFromBytes(hex(g, "public_key"));
                KemEncapsulation ge = s.encapsulate(goPk, rnd);
                m.put("go_seed", g.get("seed").asString());
                m.put("go_ciphertext", hex(ge.ciphertext()));
                m.put("go_shared_secret", hex(ge.sharedSecret()));
            }
            kems.add(m);
        }
        out.put("kem", kems);

        List<Map<String, Object>> signs = new ArrayList<>();
        for (SignatureScheme s : Schemes.allSignature()) {
            TestRandom rnd = new TestRandom("java sign " + s.name());
            SignaturePrivateKey sk = s.generate(rnd);
            byte[] msg = new byte[100];
            rnd.nextBytes(msg);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", s.name());
            m.put("private_key", hex(sk.encoded()));
            m.put("public_key", hex(sk.publicKey().encoded()));
            m.put("public_pem", sk.publicKey().toPem());
            m.put("private_pem", sk.toPem());
            m.put("key_hash", hex(sk.publicKey().keyHash()));
            m.put("message", hex(msg));
            m.put("signature", hex(s.sign(sk, msg)));
            signs.add(m);
        }
        out.put("sign", signs);

        Path file = Path.of("target/crypto-java-out.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);

        GoOracle.Result r = GoOracle.forArea("crypto").verify("crypto/java", file);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("crypto/java: " + nikes.size() + " nike, " + kems.size() + " kem, " + signs.size() + " sign");
    }
}
