package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.testsupport.GoOracle;

import tools.jackson.databind.JsonNode;

/**
 * Java-encoded documents (canonical and default, rebuilt from the Java model, not copied bytes)
 * must decode in the reference Go code to the same document.
 */
class JavaToGoTest {
    /** The PKI verifiers live in pki_docs.go; the other pki_ files need crypto helpers. */
    private static final GoOracle ORACLE = GoOracle.forArea("pki", "pki_docs");

    /** A certificate built and signed in Java from the Java model of a document. */
    static Map<String, Object> javaSignedCertificate() throws Exception {
        Document d = DocumentVectorTest.verified(DocumentVectorTest.doc("small"));
        byte[] certified = DocumentBody.decode(d.encodeDefault()).encodeCanonical();
        java.security.SecureRandom rnd = new java.security.SecureRandom();
        List<Map<String, String>> auths = new ArrayList<>();
        Certificate c = new Certificate(0, d.epoch() + 5, "Ed25519", certified, null);
        List<Authority> authorities = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var key = org.katzen4j.crypto.Schemes.ED25519.generate(rnd);
            c = c.signedBy(key);
            authorities.add(new Authority("java" + i, key.publicKey()));
            auths.add(Map.of("scheme", "Ed25519", "pem", key.publicKey().toPem()));
        }
        // Java accepts its own certificate with both keys required.
        Document back = UnverifiedDocument.parse(c.encode()).verify(AuthoritySet.withThreshold(authorities, 2),
                Vectors.clockAt(DocumentVectorTest.TIME, d.epoch()), d.epoch());
        assertThat(back.signers()).hasSize(2);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("certificate", Vectors.hex(c.encode()));
        m.put("epoch", d.epoch());
        m.put("authorities", auths);
        return m;
    }

    @Test
    void javaSignedCertificatesVerifyInJava() throws Exception {
        assertThat(javaSignedCertificate()).containsKey("certificate");
    }

    @Test
    void goAcceptsJavaSignedCertificates() throws Exception {
        ORACLE.require("pki/certificate");
        Path file = Path.of("target/pki-java-cert.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Vectors.MAPPER.writeValue(file.toFile(), javaSignedCertificate());
        GoOracle.Result r = ORACLE.verify("pki/certificate", file);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("2 signatures verified");
    }

    @Test
    void goDecodesJavaEncodedDocuments() throws Exception {
        ORACLE.require("pki/documents");
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode d : DocumentVectorTest.V.get("documents")) {
            Document doc = DocumentVectorTest.verified(d);
            // Rebuild the body from decoded fields so nothing is forwarded verbatim.
            DocumentBody rebuilt = DocumentBody.decode(doc.encodeDefault());
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", d.get("name").asString());
            m.put("canonical", Vectors.hex(rebuilt.encodeCanonical()));
            m.put("default", Vectors.hex(rebuilt.encodeDefault()));
            out.add(m);
        }
        Path file = Path.of("target/pki-java-out.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Vectors.MAPPER.writeValue(file.toFile(), Map.of("documents", out));
        GoOracle.Result r = ORACLE.verify("pki/documents", file);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("consensus: ok").contains("small: ok").contains("with-shared-random: ok");
    }
}
