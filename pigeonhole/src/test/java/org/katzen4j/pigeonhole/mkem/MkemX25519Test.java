package org.katzen4j.pigeonhole.mkem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** MKEM over X25519 against hpqc mkem: byte-identical from the same random stream, and both directions. */
class MkemX25519Test {
    private static final JsonNode V = Vectors.load("mkem_x25519.json");
    private static final Nike NIKE = X25519Nike.INSTANCE;

    static List<byte[]> list(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        arr.forEach(n -> out.add(hex(n)));
        return out;
    }

    @Test
    void reproducesTheReferenceByteForByte() throws Exception {
        assertThat(V.get("nike").asString()).isEqualTo(NIKE.name());
        for (JsonNode c : V.get("cases")) {
            SecureRandom replicaRng = Vectors.detRand(c.get("rngLabel").asString() + "/replicas");
            List<byte[]> pubs = list(c.get("replicaPublic"));
            List<byte[]> privs = list(c.get("replicaPrivate"));
            for (int i = 0; i < 2; i++) {
                try (NikeKeyPair kp = NIKE.generateKeyPair(replicaRng)) {
                    assertThat(kp.privateKey()).isEqualTo(privs.get(i));
                    assertThat(kp.publicKey()).isEqualTo(pubs.get(i));
                }
            }
            Mkem m = new Mkem(NIKE, Vectors.detRand(c.get("rngLabel").asString()));
            byte[] pt = hex(c.get("plaintext"));
            try (Mkem.Encapsulation e = m.encapsulate(pubs, pt)) {
                assertThat(e.ephemeralPrivateKey()).isEqualTo(hex(c.get("ephemeralPrivate")));
                assertThat(e.ephemeralPublicKey()).isEqualTo(hex(c.get("ephemeralPublic")));
                assertThat(e.dek(0)).isEqualTo(hex(c.get("deks").get(0)));
                assertThat(e.dek(1)).isEqualTo(hex(c.get("deks").get(1)));
                assertThat(e.envelope()).isEqualTo(hex(c.get("envelope")));
                byte[] replyPt = hex(c.get("replyPlaintext"));
                for (int i = 0; i < 2; i++) {
                    byte[] reply = m.envelopeReply(privs.get(i), e.ephemeralPublicKey(), replyPt);
                    assertThat(reply).isEqualTo(hex(c.get("replies").get(i)));
                    assertThat(Mkem.openReply(e.replyKey(i), reply)).isEqualTo(replyPt);
                }
            }
        }
    }

    @Test
    void opensReferenceCiphertexts() throws Exception {
        Mkem m = new Mkem(NIKE, new SecureRandom());
        for (JsonNode c : V.get("cases")) {
            List<byte[]> privs = list(c.get("replicaPrivate"));
            List<byte[]> pubs = list(c.get("replicaPublic"));
            List<byte[]> deks = list(c.get("deks"));
            for (int i = 0; i < 2; i++) {
                assertThat(m.decapsulate(privs.get(i), hex(c.get("ephemeralPublic")), List.of(deks.get(i)), hex(c.get("envelope"))))
                        .isEqualTo(hex(c.get("plaintext")));
                // a replica given both DEKs finds its own
                assertThat(m.decapsulate(privs.get(i), hex(c.get("ephemeralPublic")), deks, hex(c.get("envelope"))))
                        .isEqualTo(hex(c.get("plaintext")));
                assertThat(m.decryptEnvelope(hex(c.get("ephemeralPrivate")), pubs.get(i), hex(c.get("replies").get(i))))
                        .isEqualTo(hex(c.get("replyPlaintext")));
            }
            // the wrong replica's DEK does not open
            assertThatThrownBy(() -> m.decapsulate(privs.get(0), hex(c.get("ephemeralPublic")), List.of(deks.get(1)),
                    hex(c.get("envelope")))).isInstanceOf(PigeonholeException.class);
        }
    }

    /** The decrypt-only sample of the spec map, §10.2. */
    @Test
    void specSample() throws Exception {
        HexFormat h = HexFormat.of();
        Mkem m = new Mkem(NIKE, new SecureRandom());
        byte[] env = h.parseHex("0628de77c56cd4cbb87c934ed069f8c1428556e3a164aa09020fc3730075ec6ed6d97b468e87364d1e");
        byte[] ephPub = h.parseHex("61a88bb7667666ec301c1538521d7cca13716d175a139bed3f93f197bf0bd919");
        byte[] r1priv = h.parseHex("2b446e32351849fda2ca60377044cd3b65cc845e36ad882a477e476dcd4ca90e");
        byte[] r2priv = h.parseHex("4d9ee8a0ad5ad8e2fbb899775edd14b59fac26857a883705af11b5d87cc463e2");
        byte[] dek1 = h.parseHex("7157ab09a5e01f48afcd8f757c8928138fca1d9a454c7f29d469ede916dcc6c5035e57d39bd0372047c0097192163bd682deac4b9709baa9a579b835");
        byte[] dek2 = h.parseHex("53fcce67a8b98bcf78d47ef74574b8d299f25fa60325f0a88f99499c91102b108eb401c7abe4a73694741561ef9321cf101b6af80b72b6c3a3b7a533");
        assertThat(new String(m.decapsulate(r1priv, ephPub, List.of(dek1), env), StandardCharsets.US_ASCII)).isEqualTo("inner message");
        assertThat(new String(m.decapsulate(r2priv, ephPub, List.of(dek2), env), StandardCharsets.US_ASCII)).isEqualTo("inner message");
        byte[] reply = h.parseHex("5b97cef63ef99ab567566f52cacdcbdd7213a38db6242413d6d18d4be7e7bd2696");
        byte[] ephPriv = h.parseHex("f47e3cb00fe2aaed039196c6717cbdd0f901633e7a77ab61b23e4da0809fc14c");
        byte[] r1pub = h.parseHex("9036ec52ddcd2508d1d457daff4b74a168e806f6becd9f947b4dd058ce9dcc46");
        assertThat(NIKE.publicKey(r1priv)).isEqualTo(r1pub);
        assertThat(new String(m.decryptEnvelope(ephPriv, r1pub, reply), StandardCharsets.US_ASCII)).isEqualTo("reply");
    }

    @Test
    void badInputsAreTypedErrors() throws Exception {
        Mkem m = new Mkem(NIKE, Vectors.detRand("mkem bad inputs"));
        assertThatThrownBy(() -> m.encapsulate(List.of(new byte[31]), new byte[1])).isInstanceOf(PigeonholeException.class);
        // the all-zero point gives an all-zero secret
        assertThatThrownBy(() -> m.encapsulate(List.of(new byte[32]), new byte[1])).isInstanceOf(PigeonholeException.class);
        assertThatThrownBy(() -> Mkem.openReply(new byte[32], new byte[5])).isInstanceOf(PigeonholeException.class);
        assertThatThrownBy(() -> Mkem.openReply(new byte[32], new byte[40])).isInstanceOf(PigeonholeException.class);
    }

    @Test
    void goOpensJavaEnvelopes() throws Exception {
        GoOracle.forArea("pigeonhole").require("pigeonhole/mkem-x25519");
        SecureRandom r = Vectors.detRand("java side mkem");
        Mkem m = new Mkem(NIKE, r);
        ObjectNode root = Vectors.MAPPER.createObjectNode();
        root.put("nike", NIKE.name());
        ArrayNode cases = root.putArray("cases");
        for (int len : new int[] {0, 7, 61, 1702}) {
            List<NikeKeyPair> replicas = List.of(NIKE.generateKeyPair(r), NIKE.generateKeyPair(r));
            byte[] pt = new byte[len];
            r.nextBytes(pt);
            byte[] replyPt = new byte[len / 3 + 1];
            r.nextBytes(replyPt);
            Mkem.Encapsulation e = m.encapsulate(List.of(replicas.get(0).publicKey(), replicas.get(1).publicKey()), pt);
            ObjectNode c = cases.addObject();
            c.put("rngLabel", "java");
            ArrayNode priv = c.putArray("replicaPrivate");
            ArrayNode pub = c.putArray("replicaPublic");
            ArrayNode deks = c.putArray("deks");
            ArrayNode replies = c.putArray("replies");
            for (int i = 0; i < 2; i++) {
                priv.add(Vectors.hex(replicas.get(i).privateKey()));
                pub.add(Vectors.hex(replicas.get(i).publicKey()));
                deks.add(Vectors.hex(e.dek(i)));
                replies.add(Vectors.hex(m.envelopeReply(replicas.get(i).privateKey(), e.ephemeralPublicKey(), replyPt)));
            }
            c.put("plaintext", Vectors.hex(pt));
            c.put("ephemeralPrivate", Vectors.hex(e.ephemeralPrivateKey()));
            c.put("ephemeralPublic", Vectors.hex(e.ephemeralPublicKey()));
            c.put("envelope", Vectors.hex(e.envelope()));
            c.put("replyPlaintext", Vectors.hex(replyPt));
        }
        Path out = Path.of("target/java-mkem-x25519.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(root));
        GoOracle.Result res = GoOracle.forArea("pigeonhole").verify("pigeonhole/mkem-x25519", out);
        assertThat(res.exitCode()).as(res.output()).isZero();
    }
}
