package org.katzen4j.thinclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Golden bytes from the reference's own client2/thin types (interop/oracle/thin_messages.go). */
class ThinMessageVectorsTest {
    static final HexFormat HEX = HexFormat.of();

    record Vector(String name, String key, byte[] body, byte[] frame) {
    }

    static List<Vector> load(String section) throws IOException {
        try (InputStream in = ThinMessageVectorsTest.class.getResourceAsStream("/vectors/thin_messages.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode n : root.get(section)) {
                JsonNode body = n.get("body");
                out.add(new Vector(n.get("name").asString(), n.has("key") ? n.get("key").asString() : null,
                        body == null ? null : HEX.parseHex(body.asString()), HEX.parseHex(n.get("frame").asString())));
            }
            return out;
        }
    }

    @Test
    void everyRequestEncodesToTheReferenceBytesAndDecodesBack() throws Exception {
        Map<String, ThinRequest> cases = ThinVectorCases.requests();
        List<Vector> vectors = load("requests");
        assertThat(vectors).extracting(Vector::name).containsExactlyElementsOf(cases.keySet());
        for (Vector v : vectors) {
            ThinRequest r = cases.get(v.name());
            assertThat(r.key()).as(v.name()).isEqualTo(v.key());
            assertThat(HEX.formatHex(r.encodeBody())).as(v.name() + " body").isEqualTo(HEX.formatHex(v.body()));
            assertThat(HEX.formatHex(r.encode())).as(v.name() + " frame").isEqualTo(HEX.formatHex(v.frame()));
            assertThat(ThinRequest.decode(v.frame())).as(v.name()).isEqualTo(r);
            // the one-key shape of the Python and Rust clients decodes to the same value
            assertThat(ThinRequest.decode(r.encodeSparse())).as(v.name() + " sparse").isEqualTo(r);
        }
        // every request kind is covered
        assertThat(cases.values()).extracting(ThinRequest::key).containsAll(ThinRequest.KEYS);
    }

    @Test
    void everyResponseEncodesToTheReferenceBytesAndDecodesBack() throws Exception {
        Map<String, ThinResponse> cases = ThinVectorCases.responses();
        List<Vector> vectors = load("responses");
        assertThat(vectors).extracting(Vector::name).containsExactlyElementsOf(cases.keySet());
        for (Vector v : vectors) {
            ThinResponse r = cases.get(v.name());
            if (r == null) {
                assertThat(HEX.formatHex(ThinResponse.encodeAllNull())).isEqualTo(HEX.formatHex(v.frame()));
                assertThat(ThinResponse.decode(v.frame())).isEmpty();
                continue;
            }
            assertThat(r.key()).as(v.name()).isEqualTo(v.key());
            assertThat(HEX.formatHex(r.encodeBody())).as(v.name() + " body").isEqualTo(HEX.formatHex(v.body()));
            assertThat(HEX.formatHex(r.encode())).as(v.name() + " frame").isEqualTo(HEX.formatHex(v.frame()));
            assertThat(HEX.formatHex(r.encodeFrame())).as(v.name() + " length-prefixed frame")
                    .isEqualTo(HEX.formatHex(Frames.frame(v.frame())));
            Optional<ThinResponse> back = ThinResponse.decode(v.frame());
            assertThat(back).as(v.name()).contains(r);
        }
        assertThat(cases.values()).filteredOn(java.util.Objects::nonNull).extracting(ThinResponse::key)
                .containsAll(ThinResponse.KEYS.stream().filter(k -> !k.equals("new_document_event")).toList());
    }

    /** The hand-checked bodies of the protocol map (§14), as a cross-check of the vectors. */
    @Test
    void specExamples() throws Exception {
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 1);
        assertThat(HEX.formatHex(new ThinRequest.CloseChannel(65535).encodeBody()))
                .isEqualTo("a16a6368616e6e656c5f696419ffff");
        assertThat(HEX.formatHex(new ThinRequest.ThinClose().encodeBody())).isEqualTo("a0");
        assertThat(HEX.formatHex(new ThinRequest.CreateWriteChannel(QueryId.of(ones)).encodeSparse())).isEqualTo(
                "a1746372656174655f77726974655f6368616e6e656ca16871756572795f69645001010101010101010101010101010101");
    }

    /** Java→Go: written for the oracle's verifier (skipped there when Go is absent). */
    static Map<String, List<Map<String, String>>> javaFrames() {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        List<Map<String, String>> reqs = new ArrayList<>();
        for (Map.Entry<String, ThinRequest> e : ThinVectorCases.requests().entrySet()) {
            byte[] full = e.getValue().encode();
            reqs.add(Map.of("name", e.getKey(), "frame", HEX.formatHex(full), "expect", HEX.formatHex(full)));
            reqs.add(Map.of("name", e.getKey() + "/sparse", "frame", HEX.formatHex(e.getValue().encodeSparse()),
                    "expect", HEX.formatHex(full)));
        }
        List<Map<String, String>> resps = new ArrayList<>();
        for (Map.Entry<String, ThinResponse> e : ThinVectorCases.responses().entrySet()) {
            byte[] full = e.getValue() == null ? ThinResponse.encodeAllNull() : e.getValue().encode();
            resps.add(Map.of("name", e.getKey(), "frame", HEX.formatHex(full), "expect", HEX.formatHex(full)));
        }
        out.put("requests", reqs);
        out.put("responses", resps);
        return out;
    }

    static byte[] cbor(java.util.function.Consumer<CborWriter> f) {
        CborWriter w = new CborWriter();
        f.accept(w);
        return w.toByteArray();
    }

    static void expectReject(byte[] frame, String messagePart) {
        try {
            ThinRequest.decode(frame);
        } catch (DecodeException e) {
            assertThat(e.getMessage()).contains(messagePart);
            return;
        }
        throw new AssertionError("accepted " + HEX.formatHex(frame));
    }
}
