package org.katzen4j.pigeonhole.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Courier/replica messages against the reference trunnel code (both directions). */
class MessageOracleTest {
    private static final JsonNode V = Vectors.load("messages.json");

    static CourierEnvelope envelope(JsonNode m) {
        return new CourierEnvelope(m.get("replicas").get(0).asInt(), m.get("replicas").get(1).asInt(), hex(m.get("dek1")),
                hex(m.get("dek2")), m.get("replyIndex").asInt(), Long.parseUnsignedLong(m.get("epoch").asString()),
                opt(m, "senderPubkey"), opt(m, "ciphertext"));
    }

    static byte[] opt(JsonNode m, String f) {
        JsonNode n = m.get(f);
        return n == null ? new byte[0] : hex(n);
    }

    /** The Java object a vector describes, and its encoding. */
    static byte[] encodeFromFields(JsonNode m) {
        int kind = m.get("kind").asInt();
        return switch (m.get("type").asString()) {
            case "CourierEnvelope" -> envelope(m).encodeEnvelope();
            case "CourierQuery" -> (kind == 0 ? (CourierQuery) envelope(m) : new CopyCommand(opt(m, "writeCap"))).toBytes();
            case "CourierQueryReply" -> (kind == 0
                    ? new CourierEnvelopeReply(hex(m.get("envelopeHash")), m.get("replyIndex").asInt(), m.get("replyType").asInt(),
                            opt(m, "payload"), m.get("errorCode").asInt())
                    : (CourierQueryReply) new CopyCommandReply(m.get("errorCode").asInt())).toBytes();
            case "ReplicaInnerMessage" -> (kind == 0 ? (ReplicaInnerMessage) new ReplicaRead(hex(m.get("boxId")))
                    : new ReplicaWrite(hex(m.get("boxId")), hex(m.get("signature")), opt(m, "payload"))).toBytes();
            case "ReplicaMessageReplyInnerMessage" -> (kind == 0
                    ? (ReplicaMessageReplyInnerMessage) new ReplicaReadReply(m.get("errorCode").asInt(), hex(m.get("boxId")),
                            hex(m.get("signature")), opt(m, "payload"))
                    : new ReplicaWriteReply(m.get("errorCode").asInt())).toBytes();
            case "Box" -> new Box(hex(m.get("boxId")), opt(m, "payload"), hex(m.get("signature"))).toBytes();
            default -> throw new IllegalArgumentException(m.get("type").asString());
        };
    }

    /** Strict decode then re-encode. */
    static byte[] decodeStrict(String type, byte[] b) throws DecodeException {
        return switch (type) {
            case "CourierEnvelope" -> CourierEnvelope.decodeEnvelope(b).encodeEnvelope();
            case "CourierQuery" -> CourierQuery.decode(b).toBytes();
            case "CourierQueryReply" -> CourierQueryReply.decode(b).toBytes();
            case "ReplicaInnerMessage" -> ReplicaInnerMessage.decode(b).toBytes();
            case "ReplicaMessageReplyInnerMessage" -> ReplicaMessageReplyInnerMessage.decode(b).toBytes();
            case "Box" -> Box.decode(b).toBytes();
            default -> throw new IllegalArgumentException(type);
        };
    }

    @Test
    void encodingsMatchTheReference() throws Exception {
        int n = 0;
        for (JsonNode m : V.get("messages")) {
            byte[] enc = hex(m.get("encoding"));
            assertThat(encodeFromFields(m)).as(m.get("type").asString()).isEqualTo(enc);
            assertThat(decodeStrict(m.get("type").asString(), enc)).isEqualTo(enc);
            if (m.has("envelopeHash") && m.has("dek1")) {
                assertThat(envelope(m).envelopeHash()).isEqualTo(hex(m.get("envelopeHash")));
            }
            n++;
        }
        assertThat(n).isGreaterThan(30);
    }

    @Test
    void decodedFieldsAreTheVectorFields() throws Exception {
        for (JsonNode m : V.get("messages")) {
            if (m.get("type").asString().equals("CourierQuery") && m.get("kind").asInt() == 0) {
                CourierQuery q = CourierQuery.decode(hex(m.get("encoding")));
                assertThat(q).isEqualTo(envelope(m));
                CourierEnvelope e = (CourierEnvelope) q;
                assertThat(e.envelopeHash()).isEqualTo(hex(m.get("envelopeHash")));
                // reply_index sits at offset 123 of the query and is outside the hash
                byte[] flipped = hex(m.get("encoding"));
                flipped[123] ^= 1;
                CourierEnvelope f = (CourierEnvelope) CourierQuery.decode(flipped);
                assertThat(f.replyIndex()).isEqualTo(e.replyIndex() ^ 1);
                assertThat(f.envelopeHash()).isEqualTo(e.envelopeHash());
            }
        }
    }

    @Test
    void parserVerdictsMatchTheReference() {
        int checked = 0;
        for (JsonNode p : V.get("parse")) {
            String type = p.get("type").asString();
            byte[] in = hex(p.get("input"));
            boolean goAccepts = p.get("goAccepts").asBoolean();
            byte[] goRe = goAccepts ? hex(p.get("reencoded")) : null;
            // the two outer messages are decoded like the reference: trailing bytes ignored
            if (type.equals("CourierQuery") || type.equals("CourierQueryReply")) {
                byte[] mine;
                try {
                    mine = type.equals("CourierQuery") ? CourierQuery.decodePadded(in).toBytes() : CourierQueryReply.decodePadded(in).toBytes();
                } catch (DecodeException e) {
                    mine = null;
                }
                assertThat(mine != null).as(type + " " + Vectors.hex(in)).isEqualTo(goAccepts);
                if (goAccepts) {
                    assertThat(mine).isEqualTo(goRe);
                }
            }
            // strict decoding accepts exactly what the reference accepts without trailing bytes
            boolean exact = goAccepts && java.util.Arrays.equals(goRe, in);
            byte[] strict;
            try {
                strict = decodeStrict(type, in);
            } catch (DecodeException e) {
                strict = null;
            }
            assertThat(strict != null).as("strict " + type + " " + Vectors.hex(in)).isEqualTo(exact);
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void buggyWriteReplyDoesNotDecode() {
        assertThatThrownBy(() -> ReplicaMessageReplyInnerMessage.decode(new byte[] {0})).isInstanceOf(DecodeException.class);
    }

    @Test
    void hugeLengthFieldsDoNotAllocate() {
        byte[] b = new byte[1 + 32 + 1 + 1 + 4];
        b[34] = 1;
        b[35] = (byte) 0xff;
        b[36] = (byte) 0xff;
        b[37] = (byte) 0xff;
        b[38] = (byte) 0xff;
        assertThatThrownBy(() -> CourierQueryReply.decodePadded(b)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("payload");
    }

    @Test
    void constructorsCheckFixedSizes() {
        assertThatThrownBy(() -> new ReplicaRead(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CourierEnvelope(0, 1, new byte[59], new byte[60], 0, 0, new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CourierEnvelope(256, 1, new byte[60], new byte[60], 0, 0, new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CourierEnvelopeReply(new byte[32], 0, 2, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goParsesWhatJavaEncodes() throws Exception {
        GoOracle.forArea("pigeonhole").require("pigeonhole/messages");
        SecureRandom r = Vectors.detRand("java side messages");
        ObjectNode root = Vectors.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("messages");
        for (int i = 0; i < 6; i++) {
            CourierEnvelope e = new CourierEnvelope(i, 255 - i, bytes(r, 60), bytes(r, 60), i % 2, r.nextLong(), bytes(r, i * 32),
                    bytes(r, i * 300));
            ObjectNode n = arr.addObject();
            n.put("type", "CourierQuery");
            n.put("kind", 0);
            n.put("encoding", Vectors.hex(e.toBytes()));
            n.put("replyIndex", e.replyIndex());
            n.put("epoch", Long.toUnsignedString(e.epoch()));
            n.put("envelopeHash", Vectors.hex(e.envelopeHash()));
            add(arr, "CourierQuery", new CopyCommand(bytes(r, i * 30)).toBytes());
            add(arr, "CourierQueryReply", new CourierEnvelopeReply(bytes(r, 32), i % 2, i % 2, bytes(r, i * 100), i).toBytes());
            add(arr, "CourierQueryReply", new CopyCommandReply(i).toBytes());
            add(arr, "ReplicaInnerMessage", new ReplicaRead(bytes(r, 32)).toBytes());
            add(arr, "ReplicaInnerMessage", new ReplicaWrite(bytes(r, 32), bytes(r, 64), bytes(r, i * 313)).toBytes());
            add(arr, "ReplicaMessageReplyInnerMessage", new ReplicaReadReply(i, bytes(r, 32), bytes(r, 64), bytes(r, i * 50)).toBytes());
            add(arr, "ReplicaMessageReplyInnerMessage", new ReplicaWriteReply(i).toBytes());
            add(arr, "Box", new Box(bytes(r, 32), bytes(r, i * 77), bytes(r, 64)).toBytes());
        }
        Path out = Path.of("target/java-messages.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(root));
        GoOracle.Result res = GoOracle.forArea("pigeonhole").verify("pigeonhole/messages", out);
        assertThat(res.exitCode()).as(res.output()).isZero();
    }

    private static void add(ArrayNode arr, String type, byte[] enc) {
        ObjectNode n = arr.addObject();
        n.put("type", type);
        n.put("encoding", Vectors.hex(enc));
    }

    private static byte[] bytes(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
