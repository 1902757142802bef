package org.katzen4j.pigeonhole.bacap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** BACAP against vectors written by the Go oracle with hpqc's bacap (Go to Java), and back (Java to Go). */
class BacapOracleTest {
    private static final JsonNode V = Vectors.load("bacap.json");
    private static final byte[] CTX = Bacap.pigeonholeContext();

    @Test
    void contextIsTheReferenceOne() {
        assertThat(hex(V.get("context"))).isEqualTo(CTX);
    }

    @Test
    void capabilitiesFromTheSameRandomStream() throws Exception {
        for (JsonNode c : V.get("cases")) {
            try (WriteCap wc = WriteCap.generate(Vectors.detRand(c.get("rngLabel").asString()))) {
                assertThat(Vectors.hex(wc.toBytes())).isEqualTo(c.get("writeCap").asString());
                assertThat(Vectors.hex(wc.readCap().toBytes())).isEqualTo(c.get("readCap").asString());
                assertThat(WriteCap.fromBytes(hex(c.get("writeCap")))).isEqualTo(wc);
            }
        }
    }

    @Test
    void indexesBoxIdsAndBoxesMatchByteForByte() throws Exception {
        for (JsonNode c : V.get("cases")) {
            WriteCap wc = WriteCap.fromBytes(hex(c.get("writeCap")));
            ReadCap rc = ReadCap.fromBytes(hex(c.get("readCap")));
            MessageBoxIndex idx = rc.firstIndex();
            for (JsonNode ix : c.get("indexes")) {
                assertThat(Vectors.hex(idx.toBytes())).isEqualTo(ix.get("index").asString());
                assertThat(MessageBoxIndex.fromBytes(hex(ix.get("index")))).isEqualTo(idx);
                assertThat(Vectors.hex(idx.boxId(rc, CTX))).isEqualTo(ix.get("boxId").asString());
                for (JsonNode b : ix.get("boxes")) {
                    byte[] pt = hex(b.get("plaintext"));
                    SealedBox mine = idx.encrypt(wc, CTX, pt);
                    assertThat(Vectors.hex(mine.boxId())).isEqualTo(b.get("boxId").asString());
                    assertThat(Vectors.hex(mine.ciphertext())).isEqualTo(b.get("ciphertext").asString());
                    assertThat(Vectors.hex(mine.signature())).isEqualTo(b.get("signature").asString());
                    assertThat(idx.open(rc, CTX, hex(b.get("ciphertext")), hex(b.get("signature")))).isEqualTo(pt);
                }
                idx = idx.next();
            }
            MessageBoxIndex adv = rc.firstIndex().advanceTo(rc.firstIndex().index() + c.get("advanceBy").asLong());
            assertThat(Vectors.hex(adv.toBytes())).isEqualTo(c.get("advanced").asString());
            assertThat(Vectors.hex(adv.boxId(rc, CTX))).isEqualTo(c.get("advancedBoxId").asString());
        }
    }

    @Test
    void rawBlinding() {
        for (JsonNode b : V.get("blind")) {
            byte[] seed = hex(b.get("seed"));
            assertThat(Vectors.hex(Ed25519Blinding.publicFromSeed(seed))).isEqualTo(b.get("publicKey").asString());
            byte[] factor = hex(b.get("factor"));
            assertThat(Vectors.hex(Ed25519Blinding.blindPublic(hex(b.get("publicKey")), factor)))
                    .isEqualTo(b.get("blindedPublic").asString());
            byte[] s = Ed25519Blinding.blindedScalar(seed, factor);
            assertThat(Vectors.hex(s)).isEqualTo(b.get("blindedScalar").asString());
            byte[] sig = Ed25519Blinding.signWithScalar(s, hex(b.get("blindedPublic")), hex(b.get("message")));
            assertThat(Vectors.hex(sig)).isEqualTo(b.get("signature").asString());
            assertThat(Ed25519Blinding.verify(hex(b.get("blindedPublic")), hex(b.get("message")), sig)).isTrue();
        }
    }

    @Test
    void goOpensBoxesMadeInJava() throws Exception {
        Path oracle = GoOracle.forArea("pigeonhole").require("pigeonhole/bacap");
        assertThat(oracle).isNotNull();
        SecureRandom rng = Vectors.detRand("java side bacap");
        ObjectNode root = Vectors.MAPPER.createObjectNode();
        ArrayNode cases = root.putArray("cases");
        for (int c = 0; c < 3; c++) {
            WriteCap wc = WriteCap.generate(rng);
            ReadCap rc = wc.readCap();
            ObjectNode cn = cases.addObject();
            cn.put("readCap", Vectors.hex(rc.toBytes()));
            ArrayNode ixs = cn.putArray("indexes");
            MessageBoxIndex idx = wc.firstIndex().advanceTo(wc.firstIndex().index() + c * 7L);
            for (int i = 0; i < 3; i++) {
                ObjectNode in = ixs.addObject();
                in.put("index", Vectors.hex(idx.toBytes()));
                in.put("boxId", Vectors.hex(idx.boxId(rc, CTX)));
                ArrayNode boxes = in.putArray("boxes");
                for (int len : List.of(0, 5, 16, 33, 1557)) {
                    byte[] pt = new byte[len];
                    rng.nextBytes(pt);
                    SealedBox sb = idx.encrypt(wc, CTX, pt);
                    ObjectNode bn = boxes.addObject();
                    bn.put("plaintext", Vectors.hex(pt));
                    bn.put("boxId", Vectors.hex(sb.boxId()));
                    bn.put("ciphertext", Vectors.hex(sb.ciphertext()));
                    bn.put("signature", Vectors.hex(sb.signature()));
                }
                idx = idx.next();
            }
        }
        Path out = Path.of("target/java-bacap.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(root));
        GoOracle.Result r = GoOracle.forArea("pigeonhole").verify("pigeonhole/bacap", out);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
