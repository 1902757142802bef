package org.katzen4j.pigeonhole.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.mkem.X25519Nike;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EnvelopeDescriptorTest {
    private static final JsonNode V = Vectors.load("envelope_descriptor.json");

    @Test
    void referenceEncodingBothWays() throws Exception {
        for (JsonNode v : V) {
            EnvelopeDescriptor d = EnvelopeDescriptor.referenceOnly(Long.parseUnsignedLong(v.get("epoch").asString()),
                    v.get("replicaNums").get(0).asInt(), v.get("replicaNums").get(1).asInt(), hex(v.get("envelopeKey")));
            assertThat(Vectors.hex(d.encode())).isEqualTo(v.get("cbor").asString());
            assertThat(EnvelopeDescriptor.decode(hex(v.get("cbor")))).isEqualTo(d);
        }
    }

    @Test
    void specSampleAndArrayForm() throws Exception {
        HexFormat h = HexFormat.of();
        byte[] sample = h.parseHex("a36545706f63681a0001e2406b5265706c6963614e756d734203016b456e76656c6f70654b65794301" + "0203");
        EnvelopeDescriptor d = EnvelopeDescriptor.decode(sample);
        assertThat(d.epoch()).isEqualTo(123456);
        assertThat(d.replica0()).isEqualTo(3);
        assertThat(d.replica1()).isEqualTo(1);
        assertThat(d.encode()).isEqualTo(sample);
        assertThat(d.target()).isNull();
        // ReplicaNums as an array, and an unknown key, as Go accepts
        byte[] alt = h.parseHex("a46545706f6368016b5265706c6963614e756d738203016b456e76656c6f70654b657941ff63666f6f01");
        EnvelopeDescriptor a = EnvelopeDescriptor.decode(alt);
        assertThat(a.replica0()).isEqualTo(3);
        assertThat(a.envelopeKey()).containsExactly(0xff);
        assertThatThrownBy(() -> EnvelopeDescriptor.decode(h.parseHex("a0"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> EnvelopeDescriptor.decode(h.parseHex("80"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void extrasRoundTripAndGoReadsJavaDescriptors() throws Exception {
        SecureRandom rng = Vectors.detRand("descriptor test");
        FakeStorage net = new FakeStorage(X25519Nike.INSTANCE, 3, rng);
        QueryPreparer prep = new QueryPreparer(PigeonholeGeometry.of(1553, "x25519"), net.mkem, rng);
        WriteCap wc = WriteCap.generate(rng);
        ArrayNode arr = Vectors.MAPPER.createArrayNode();
        for (int i = 0; i < 3; i++) {
            PreparedQuery q = prep.prepareRead(wc.readCap(), wc.firstIndex().advanceTo(wc.firstIndex().index() + i), i % 2,
                    net.replicas, 1000 + i);
            EnvelopeDescriptor d = EnvelopeDescriptor.of(q);
            EnvelopeDescriptor back = EnvelopeDescriptor.decode(d.encode());
            assertThat(back).isEqualTo(d);
            assertThat(back.target()).isEqualTo(q.target());
            assertThat(back.replicaPublicKeys()[1]).isEqualTo(q.replicaPublicKey(1));
            ObjectNode n = arr.addObject();
            n.put("epoch", Long.toUnsignedString(d.epoch()));
            n.putArray("replicaNums").add(d.replica0()).add(d.replica1());
            n.put("envelopeKey", Vectors.hex(d.envelopeKey()));
            n.put("cbor", Vectors.hex(d.encode()));
        }
        GoOracle.forArea("pigeonhole").require("pigeonhole/descriptor");
        Path out = Path.of("target/java-descriptors.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(arr));
        GoOracle.Result res = GoOracle.forArea("pigeonhole").verify("pigeonhole/descriptor", out);
        assertThat(res.exitCode()).as(res.output()).isZero();
    }
}
