package org.katzen4j.pigeonhole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.message.CourierEnvelope;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.message.ReplicaReadReply;
import org.katzen4j.pigeonhole.message.ReplicaWriteReply;
import org.katzen4j.pigeonhole.replica.ReplicaEpochs;
import org.katzen4j.pigeonhole.replica.Sharding;
import org.katzen4j.pigeonhole.testing.Vectors;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;

/** Geometry, padding, sharding and epoch conversion against the reference (oracle misc.json), plus spec samples. */
class MiscOracleTest {
    private static final JsonNode V = Vectors.load("misc.json");

    @Test
    void geometryForEveryReferenceNike() throws Exception {
        int n = 0;
        for (JsonNode g : V.get("geometry")) {
            String nike = g.get("nike").asString();
            assertThat(NikeSizes.publicKeySize(nike)).hasValue(g.get("publicKeySize").asInt());
            int u = g.get("userForwardPayloadLength").asInt();
            if (g.get("error").asBoolean()) {
                try {
                    PigeonholeGeometry.fromUserForwardPayloadLength(u, nike);
                    throw new AssertionError("expected failure for " + nike + " U=" + u);
                } catch (PigeonholeException expected) {
                    continue;
                }
            }
            PigeonholeGeometry pg = PigeonholeGeometry.fromUserForwardPayloadLength(u, nike);
            pg.validate();
            assertThat(pg.maxPlaintextPayloadLength()).isEqualTo(g.get("maxPlaintextPayloadLength").asInt());
            assertThat(pg.courierQueryReadLength()).isEqualTo(g.get("courierQueryReadLength").asInt());
            assertThat(pg.courierQueryWriteLength()).isEqualTo(g.get("courierQueryWriteLength").asInt()).isEqualTo(u);
            assertThat(pg.courierQueryReplyReadLength()).isEqualTo(g.get("courierQueryReplyReadLength").asInt());
            assertThat(pg.courierQueryReplyWriteLength()).isEqualTo(g.get("courierQueryReplyWriteLength").asInt());
            assertThat(pg.boxCiphertextLength()).isEqualTo(g.get("boxCiphertextLength").asInt());
            assertThat(pg.courierEnvelopeCiphertextSizeRead()).isEqualTo(g.get("envelopeCiphertextSizeRead").asInt());
            assertThat(pg.courierEnvelopeCiphertextSizeWrite()).isEqualTo(g.get("envelopeCiphertextSizeWrite").asInt());
            assertThat(pg.envelopeReplySizeRead()).isEqualTo(g.get("envelopeReplySizeRead").asInt());
            assertThat(pg.envelopeReplySizeWrite()).isEqualTo(g.get("envelopeReplySizeWrite").asInt());
            assertThat(pg.paddedPayloadLength()).isEqualTo(g.get("paddedPayloadLength").asInt());
            assertThat(pg.nikeName()).isEqualTo(nike);
            n++;
        }
        assertThat(n).isGreaterThan(50);
    }

    @Test
    void geometryFromASphinxGeometry() throws Exception {
        Geometry sphinx = Geometry.nike("x25519", 2000, 5);
        PigeonholeGeometry pg = PigeonholeGeometry.fromSphinx(sphinx, NikeSizes.REPLICA_NIKE);
        assertThat(pg.maxPlaintextPayloadLength()).isEqualTo(1553);
        assertThat(pg.courierQueryReadLength()).isEqualTo(359);
        assertThat(pg.courierQueryReplyReadLength()).isEqualTo(1698);
        assertThat(pg.courierQueryReplyWriteLength()).isEqualTo(50);
    }

    @Test
    void padding() {
        for (JsonNode p : V.get("padding")) {
            byte[] msg = hex(p.get("message"));
            int target = p.get("target").asInt();
            try {
                byte[] padded = PaddedPayload.create(msg, target);
                assertThat(p.get("createError").asBoolean()).isFalse();
                assertThat(padded).isEqualTo(hex(p.get("padded")));
                assertThat(PaddedPayload.extract(padded)).isEqualTo(msg);
            } catch (PigeonholeException e) {
                assertThat(p.get("createError").asBoolean()).as(e.getMessage()).isTrue();
                assertThat(e.kind()).isEqualTo(PigeonholeException.Kind.BAD_PAYLOAD);
            }
        }
        for (JsonNode x : V.get("extract")) {
            try {
                byte[] m = PaddedPayload.extract(hex(x.get("input")));
                assertThat(x.get("error").asBoolean()).isFalse();
                assertThat(m).isEqualTo(x.has("message") ? hex(x.get("message")) : new byte[0]);
            } catch (PigeonholeException e) {
                assertThat(x.get("error").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void shard2() throws Exception {
        int agreeing = 0;
        for (JsonNode s : V.get("shards")) {
            List<byte[]> keys = new ArrayList<>();
            s.get("keys").forEach(k -> keys.add(hex(k)));
            byte[] box = hex(s.get("boxId"));
            byte[][] got = Sharding.shard2(box, keys);
            for (int i = 0; i < 2; i++) {
                int want = s.get("shard2").get(i).asInt();
                if (want < 0) {
                    assertThat(got[i]).isNull();
                } else {
                    assertThat(got[i]).isEqualTo(keys.get(want));
                }
            }
            if (keys.size() >= 2 && s.get("shard2").get(1).asInt() >= 0) {
                int[] idx = Sharding.shardIndexes(box, keys);
                assertThat(keys.get(idx[0])).isEqualTo(keys.get(s.get("shard2").get(0).asInt()));
                assertThat(keys.get(idx[1])).isEqualTo(keys.get(s.get("shard2").get(1).asInt()));
            }
            agreeing += s.get("sortedShardAgrees").asBoolean() ? 1 : 0;
        }
        assertThat(agreeing).isGreaterThan(10);
    }

    @Test
    void replicaEpochs() {
        for (JsonNode e : V.get("epochs")) {
            long pki = Long.parseUnsignedLong(e.get("pkiEpoch").asString());
            assertThat(Long.toUnsignedString(ReplicaEpochs.fromPkiEpoch(pki, ReplicaEpochs.DEFAULT_EPOCH_PERIOD)))
                    .isEqualTo(e.get("replicaEpoch").asString());
        }
        assertThat(ReplicaEpochs.at(Instant.parse("2017-06-07T23:59:59Z"))).isZero();
        assertThat(ReplicaEpochs.at(Instant.parse("2017-06-08T00:00:00Z"))).isEqualTo(1);
        assertThat(ReplicaEpochs.at(Instant.parse("2017-06-01T00:00:00Z").plus(Duration.ofDays(7 * 450 + 3)))).isEqualTo(450);
    }

    /** The trunnel samples of the spec map, §10.3. */
    @Test
    void specSamples() throws Exception {
        HexFormat h = HexFormat.of();
        byte[] d1 = new byte[60];
        byte[] d2 = new byte[60];
        java.util.Arrays.fill(d1, (byte) 0x11);
        java.util.Arrays.fill(d2, (byte) 0x22);
        CourierEnvelope e = new CourierEnvelope(1, 2, d1, d2, 1, 0x0102030405060708L, h.parseHex("aabbcc"), h.parseHex("ddee"));
        assertThat(h.formatHex(e.toBytes())).isEqualTo("000102" + "11".repeat(60) + "22".repeat(60) + "01" + "0102030405060708"
                + "0003aabbcc" + "00000002ddee");
        assertThat(h.formatHex(e.envelopeHash())).isEqualTo("6b9fb1f13060ed44987ee2a2b4f6a00bd7c5fa73902c1cbccef0071d20f25ea9");
        CourierEnvelopeReply r = new CourierEnvelopeReply(new byte[32], 1, 1, h.parseHex("0102"), 0);
        assertThat(h.formatHex(r.toBytes())).isEqualTo("00" + "00".repeat(32) + "0101000000020102" + "00");
        assertThat(h.formatHex(new ReplicaWriteReply(0).toBytes())).isEqualTo("0100");
        assertThat(new ReplicaReadReply(1, new byte[32], new byte[64], new byte[0]).toBytes()).hasSize(102);
        assertThat(h.formatHex(PaddedPayload.create("hi".getBytes(), 10))).isEqualTo("00000002686900000000");
        List<byte[]> keys = List.of("replica-key-A".getBytes(), "replica-key-B".getBytes(), "replica-key-C".getBytes(),
                "replica-key-D".getBytes());
        byte[] box = new byte[32];
        for (int i = 0; i < 32; i++) {
            box[i] = (byte) i;
        }
        byte[][] s = Sharding.shard2(box, keys);
        assertThat(new String(s[0])).isEqualTo("replica-key-B");
        assertThat(new String(s[1])).isEqualTo("replica-key-A");
    }
}
