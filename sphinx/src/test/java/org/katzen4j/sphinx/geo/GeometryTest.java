package org.katzen4j.sphinx.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.Vectors;

import tools.jackson.databind.JsonNode;

class GeometryTest {

    @Test
    void derivationCborAndHashMatchTheReference() throws Exception {
        JsonNode all = Vectors.load("sphinx_geometry.json");
        assertThat(all.size()).isGreaterThan(100);
        for (JsonNode v : all) {
            String kind = v.get("kind").asString();
            String scheme = v.get("scheme").asString();
            int size = v.get("elementSize").asInt();
            int ufpl = v.get("userForwardPayloadLength").asInt();
            int hops = v.get("nrHops").asInt();
            boolean withSurb = v.get("withSURB").asBoolean();
            Geometry g = kind.equals("nike")
                    ? Geometry.nike(scheme, size, ufpl, withSurb, hops)
                    : Geometry.kem(scheme, size, ufpl, withSurb, hops);
            String what = kind + " " + scheme + " hops " + hops + " ufpl " + ufpl + " withSURB " + withSurb;
            Map<String, Object> expected = new LinkedHashMap<>();
            for (String k : Geometry.KEYS) {
                JsonNode f = v.get("geometry").get(k);
                expected.put(k, f.isString() ? f.asString() : (Object) f.asInt());
            }
            assertThat(g.toMap()).as(what).containsExactlyEntriesOf(expected);
            assertThat(Vectors.hex(g.canonicalCbor())).as(what).isEqualTo(v.get("cbor").asString());
            assertThat(Vectors.hex(g.hash())).as(what).isEqualTo(v.get("hash").asString());
            assertThat(Geometry.fromMap(expected)).as(what).isEqualTo(g);
            assertThat(g.elementLength()).isEqualTo(size);
            assertThat(g.toToml()).as(what).isEqualTo(v.get("toml").asString());
            if (withSurb) {
                g.validate();
                // the name-only factory (size from the table) gives the same geometry
                Geometry byName = kind.equals("nike") ? Geometry.nike(scheme, ufpl, hops) : Geometry.kem(scheme, ufpl, hops);
                assertThat(byName).isEqualTo(g);
            } else {
                assertThatThrownBy(g::validate).isInstanceOf(GeometryException.class)
                        .hasMessageContaining("ForwardPayloadLength");
            }
        }
    }

    @Test
    void testNetworkGeometryNumbers() {
        Geometry g = Geometry.nike("x25519", 2000, 5);
        assertThat(g.packetLength()).isEqualTo(3082);
        assertThat(g.surbLength()).isEqualTo(572);
        assertThat(Vectors.hex(g.hash())).isEqualTo("ed57ca3bc2165a0483e0d16d97511e15f318ed5cedfc3e7388c85ee8a2c0fb47");
        assertThat(g.isNike()).isTrue();
        assertThat(g.isKem()).isFalse();
        assertThat(g.payloadBlockLength()).isEqualTo(3082 - 476);
        // the wire-vector geometry of wire-and-pki.md 6.6
        assertThat(Vectors.hex(Geometry.nike("x25519", 216, 5).hash()))
                .isEqualTo("691ffb728ddd2169b419cce7a99c8d6dd0f0fc1974a97af3326d88c66eea7d96");
    }

    @Test
    void hashIsOverConfiguredValuesNotRederived() throws Exception {
        Geometry g = Geometry.nike("x25519", 2000, 5);
        Map<String, Object> m = new HashMap<>(g.toMap());
        m.put(Geometry.KEY_NIKE_NAME, "X25519");
        Geometry upper = Geometry.fromMap(m);
        upper.validate(); // scheme lookup is case-insensitive
        assertThat(upper.hash()).isNotEqualTo(g.hash());
    }

    @Test
    void validationMessages() throws Exception {
        Geometry g = Geometry.nike("x25519", 2000, 5);
        Map<String, Object> base = g.toMap();

        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_NIKE_NAME, "")))
                .isInstanceOf(GeometryException.class).hasMessage("geometry NIKEName or KEMName must be set");
        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_KEM_NAME, "XWING")))
                .hasMessage("geometry NIKEName and KEMName must not both be set");
        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_NIKE_NAME, "ctidh9999")))
                .hasMessage("geometry has unsupported NIKE scheme ctidh9999");
        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_PACKET_LENGTH, 0)))
                .hasMessage("geometry has PacketLength of 0");
        Map<String, Object> missing = new HashMap<>(base);
        missing.remove(Geometry.KEY_NR_HOPS);
        assertThatThrownBy(() -> Geometry.fromMap(missing).validate()).hasMessage("geometry has NrHops of 0");
        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_SURB_LENGTH, 573)))
                .hasMessage("geometry SURBLength is 573 but scheme x25519 with NrHops 5 and "
                        + "UserForwardPayloadLength 2000 requires 572");
        assertThatThrownBy(() -> validate(with(base, Geometry.KEY_NR_HOPS, 3)))
                .hasMessageContaining("PacketLength is 3082").hasMessageContaining("requires 2754");
        assertThatThrownBy(() -> Geometry.fromMap(with(base, Geometry.KEY_NR_HOPS, "5")))
                .isInstanceOf(GeometryException.class).hasMessageContaining("NrHops must be an integer");
        assertThatThrownBy(() -> Geometry.fromMap(Map.of(Geometry.KEY_PACKET_LENGTH, -1L)))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Geometry.fromMap(Map.of(Geometry.KEY_KEM_NAME, 7)))
                .hasMessageContaining("KEMName must be a string");
        // unknown keys are ignored, as the reference decoders do
        Map<String, Object> extra = new HashMap<>(base);
        extra.put("Unrelated", 1);
        assertThat(Geometry.fromMap(extra)).isEqualTo(g);
        // integral numbers of any boxed type are accepted (TOML parsers give Long)
        Map<String, Object> longs = new HashMap<>();
        base.forEach((k, v) -> longs.put(k, v instanceof Integer i ? (Object) i.longValue() : v));
        assertThat(Geometry.fromMap(longs)).isEqualTo(g);
    }

    @Test
    void factoryRejectsNonsense() {
        assertThatThrownBy(() -> Geometry.nike("nope", 2000, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geometry.nike("x25519", 2000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geometry.kem("XWING", -1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static void validate(Map<String, Object> m) throws GeometryException {
        Geometry.fromMap(m).validate();
    }
}
