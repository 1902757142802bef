package org.katzen4j.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.sphinx.Vectors.hex;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;

/**
 * Go-made packets and SURBs (reference core/sphinx via the oracle) unwrap in Java hop by hop, the
 * reply decrypts, and where the oracle recorded its randomness Java recreates the same bytes.
 */
class PacketVectorsTest {

    @Test
    void referenceStyleVectors() throws Exception {
        JsonNode all = Vectors.load("sphinx_packets_reference.json");
        assertThat(all.size()).isEqualTo(10);
        for (JsonNode c : all) {
            check(c);
        }
    }

    @Test
    void testNetworkGeometryVectors() throws Exception {
        JsonNode all = Vectors.load("sphinx_packets_nike.json");
        assertThat(all.size()).isEqualTo(14);
        int recreated = 0;
        for (JsonNode c : all) {
            recreated += check(c);
        }
        assertThat(recreated).isEqualTo(14);
    }

    @Test
    void kemVectors() throws Exception {
        JsonNode all = Vectors.load("sphinx_packets_kem.json");
        assertThat(all.size()).isEqualTo(4);
        for (JsonNode c : all) {
            assertThat(check(c)).isZero();
        }
    }

    /** @return 1 if the case's creation was reproduced */
    static int check(JsonNode c) throws Exception {
        String name = c.get("name").asString();
        Geometry g = SphinxCases.geometry(c.get("geometry"));
        Sphinx s = g.isKem() ? Sphinx.kem(g, CryptoKem.byName(g.kemName()))
                : g.nikeName().equals("x448") ? Sphinx.nike(g, X448Nike.instance()) : Sphinx.nike(g, X25519Nike.instance());
        List<byte[]> packets = SphinxCases.hexList(c.get("packets"));
        List<byte[]> tags = SphinxCases.hexList(c.get("replayTags"));
        JsonNode nodes = c.get("nodes");
        byte[] pkt = packets.get(0);
        for (int i = 0; i < nodes.size(); i++) {
            String what = name + " hop " + i;
            byte[] priv = hex(nodes.get(i).get("privateKey"));
            UnwrapResult r = pkt.length == g.packetLength() ? s.unwrap(priv, pkt) : s.unwrapAnyPayloadLength(priv, pkt);
            assertThat(r.replayTag()).as(what).isEqualTo(tags.get(i));
            List<String> want = new ArrayList<>();
            c.get("commands").get(i).forEach(x -> want.add(x.asString()));
            assertThat(SphinxCases.encoded(r.commands())).as(what).isEqualTo(want);
            if (i < nodes.size() - 1) {
                assertThat(r.isTerminal()).as(what).isFalse();
                pkt = r.nextPacket().orElseThrow();
                assertThat(pkt).as(what).isEqualTo(packets.get(i + 1));
            } else {
                assertThat(r.isTerminal()).as(what).isTrue();
                assertThat(r.payload().orElseThrow()).as(what).isEqualTo(hex(c.get("output")));
            }
        }
        boolean surb = c.get("kind").asString().equals("surb");
        if (surb) {
            try (SurbKeys keys = SurbKeys.fromBytes(hex(c.get("surbKeys")))) {
                assertThat(s.decryptSurbPayload(hex(c.get("output")), keys)).as(name).isEqualTo(hex(c.get("reply")));
            }
        } else {
            assertThat(hex(c.get("output"))).as(name).isEqualTo(hex(c.get("payload")));
        }
        JsonNode label = c.get("randLabel");
        if (label == null || label.isNull()) {
            return 0;
        }
        List<PathHop> path = SphinxCases.path(c);
        byte[] payload = hex(c.get("payload"));
        if (surb) {
            try (Surb made = s.newSurb(TestRandoms.detRand(label.asString()), path)) {
                assertThat(made.bytes()).as(name + " SURB").isEqualTo(hex(c.get("surb")));
                assertThat(made.keys().toBytes()).as(name + " SURB keys").isEqualTo(hex(c.get("surbKeys")));
                ReplyPacket rp = s.newPacketFromSurb(made.bytes(), payload);
                assertThat(rp.packet()).as(name + " reply packet").isEqualTo(packets.get(0));
                assertThat(rp.firstHop()).isEqualTo(path.get(0).id());
            }
        } else {
            byte[] made = s.newPacket(TestRandoms.detRand(label.asString()), path, payload);
            assertThat(made).as(name + " packet").isEqualTo(packets.get(0));
        }
        return 1;
    }
}
