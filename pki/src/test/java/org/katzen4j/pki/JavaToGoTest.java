package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Java-encoded documents (canonical and default, rebuilt from the Java model, not copied bytes)
 * must decode in the reference Go code to the same document.
 */
class JavaToGoTest {

    @Test
    void goDecodesJavaEncodedDocuments() throws Exception {
        Path oracle = GoOracle.require("pki/documents");
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
        GoOracle.Result r = GoOracle.verify(oracle, "pki/documents", file);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("consensus: ok").contains("small: ok").contains("with-shared-random: ok");
    }
}
