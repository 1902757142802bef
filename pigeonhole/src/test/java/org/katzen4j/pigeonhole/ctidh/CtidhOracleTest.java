package org.katzen4j.pigeonhole.ctidh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.mkem.NikeKeyPair;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hybrid CTIDH1024-X25519 NIKE through the native highctidh build, against hpqc (cgo) vectors:
 * key generation from the same random stream, shared secrets, validation, and a full MKEM
 * encapsulation reproduced byte for byte; then Java envelopes opened by Go.
 */
class CtidhOracleTest {
    private static final JsonNode V = Vectors.load("ctidh1024_x25519.json");
    private static final CtidhX25519Nike NIKE = CtidhX25519Nike.INSTANCE;

    @BeforeEach
    void needsLibrary() {
        assumeTrue(Ctidh1024.isAvailable(), "CTIDH native library unavailable: " + Ctidh1024.unavailableReason());
    }

    @Test
    void keysFromTheSameRandomStreamAndSharedSecrets() throws Exception {
        assertThat(V.get("nike").asString()).isEqualTo(NIKE.name());
        List<byte[]> privs = new ArrayList<>();
        List<byte[]> pubs = new ArrayList<>();
        for (JsonNode k : V.get("keys")) {
            try (NikeKeyPair kp = NIKE.generateKeyPair(Vectors.detRand(k.get("rngLabel").asString()))) {
                assertThat(Vectors.hex(kp.privateKey())).isEqualTo(k.get("private").asString());
                assertThat(Vectors.hex(kp.publicKey())).isEqualTo(k.get("public").asString());
            }
            privs.add(hex(k.get("private")));
            pubs.add(hex(k.get("public")));
        }
        for (JsonNode d : V.get("dh")) {
            byte[] s = NIKE.deriveSecret(privs.get(d.get("a").asInt()), pubs.get(d.get("b").asInt()));
            assertThat(s).hasSize(160);
            assertThat(Vectors.hex(s)).isEqualTo(d.get("secret").asString());
        }
    }

    @Test
    void validationAgreesWithTheReference() throws Exception {
        for (JsonNode inv : V.get("invalid")) {
            boolean accepted;
            try {
                NIKE.validatePublicKey(hex(inv.get("public")));
                accepted = true;
            } catch (PigeonholeException e) {
                assertThat(e.kind()).isEqualTo(PigeonholeException.Kind.BAD_KEY);
                accepted = false;
            }
            assertThat(accepted).isEqualTo(inv.get("goAccepts").asBoolean());
        }
        assertThatThrownBy(() -> NIKE.validatePublicKey(new byte[159])).isInstanceOf(PigeonholeException.class);
        byte[] priv = hex(V.get("keys").get(0).get("private"));
        byte[] badPub = hex(V.get("invalid").get(0).get("public"));
        assertThatThrownBy(() -> NIKE.deriveSecret(priv, badPub)).isInstanceOf(PigeonholeException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void mkemEncapsulationReproducedAndOpened() throws Exception {
        JsonNode c = V.get("mkem");
        List<byte[]> pubs = List.of(hex(c.get("replicaPublic").get(0)), hex(c.get("replicaPublic").get(1)));
        Mkem m = new Mkem(NIKE, Vectors.detRand(c.get("rngLabel").asString()));
        try (Mkem.Encapsulation e = m.encapsulate(pubs, hex(c.get("plaintext")))) {
            assertThat(Vectors.hex(e.ephemeralPrivateKey())).isEqualTo(c.get("ephemeralPrivate").asString());
            assertThat(Vectors.hex(e.ephemeralPublicKey())).isEqualTo(c.get("ephemeralPublic").asString());
            assertThat(Vectors.hex(e.dek(0))).isEqualTo(c.get("deks").get(0).asString());
            assertThat(Vectors.hex(e.dek(1))).isEqualTo(c.get("deks").get(1).asString());
            assertThat(Vectors.hex(e.envelope())).isEqualTo(c.get("envelope").asString());
            for (int i = 0; i < 2; i++) {
                // replies open with the reply keys kept from encapsulation (no CTIDH work)
                assertThat(Mkem.openReply(e.replyKey(i), hex(c.get("replies").get(i)))).isEqualTo(hex(c.get("replyPlaintext")));
            }
        }
        // replica side and the descriptor path (ephemeral private key + replica public key)
        assertThat(m.decapsulate(hex(c.get("replicaPrivate").get(1)), hex(c.get("ephemeralPublic")),
                List.of(hex(c.get("deks").get(1))), hex(c.get("envelope")))).isEqualTo(hex(c.get("plaintext")));
        assertThat(m.decryptEnvelope(hex(c.get("ephemeralPrivate")), pubs.get(0), hex(c.get("replies").get(0))))
                .isEqualTo(hex(c.get("replyPlaintext")));
    }

    @Test
    void goOpensJavaEnvelopes() throws Exception {
        GoOracle.forArea("pigeonhole").require("pigeonhole/mkem-ctidh");
        SecureRandom r = Vectors.detRand("java side ctidh");
        List<byte[]> privs = new ArrayList<>();
        List<byte[]> pubs = new ArrayList<>();
        for (JsonNode k : V.get("keys")) {
            privs.add(hex(k.get("private")));
            pubs.add(hex(k.get("public")));
        }
        Mkem m = new Mkem(NIKE, r);
        byte[] pt = new byte[400];
        byte[] replyPt = new byte[150];
        r.nextBytes(pt);
        r.nextBytes(replyPt);
        Mkem.Encapsulation e = m.encapsulate(pubs.subList(1, 3), pt);
        ObjectNode root = Vectors.MAPPER.createObjectNode();
        root.put("nike", NIKE.name());
        ObjectNode c = root.putArray("cases").addObject();
        ArrayNode priv = c.putArray("replicaPrivate");
        ArrayNode pub = c.putArray("replicaPublic");
        ArrayNode deks = c.putArray("deks");
        ArrayNode replies = c.putArray("replies");
        for (int i = 0; i < 2; i++) {
            priv.add(Vectors.hex(privs.get(i + 1)));
            pub.add(Vectors.hex(pubs.get(i + 1)));
            deks.add(Vectors.hex(e.dek(i)));
            // the replica's reply key is the same S_i the sender kept
            replies.add(Vectors.hex(replyWithKey(e.replyKey(i), replyPt, r)));
        }
        c.put("plaintext", Vectors.hex(pt));
        c.put("ephemeralPrivate", Vectors.hex(e.ephemeralPrivateKey()));
        c.put("ephemeralPublic", Vectors.hex(e.ephemeralPublicKey()));
        c.put("envelope", Vectors.hex(e.envelope()));
        c.put("replyPlaintext", Vectors.hex(replyPt));
        Path out = Path.of("target/java-mkem-ctidh.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(root));
        GoOracle.Result res = GoOracle.forArea("pigeonhole").verify("pigeonhole/mkem-ctidh", out);
        assertThat(res.exitCode()).as(res.output()).isZero();
    }

    private static byte[] replyWithKey(byte[] key, byte[] pt, SecureRandom r) throws Exception {
        java.lang.reflect.Method seal = Mkem.class.getDeclaredMethod("sealWithNonce", byte[].class, byte[].class, byte[].class);
        seal.setAccessible(true);
        byte[] nonce = new byte[12];
        r.nextBytes(nonce);
        return (byte[]) seal.invoke(null, key, nonce, pt);
    }
}
