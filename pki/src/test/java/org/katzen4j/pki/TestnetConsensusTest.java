package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;

/**
 * A real consensus captured from the interop testnet's reference directory authorities (2-minute
 * epochs, Ed25519, three authorities): verified with the keys from the testnet client config,
 * re-encoded byte for byte, checked against the configured geometry.
 */
class TestnetConsensusTest {
    static final JsonNode V = load();
    static final EpochTime TIME = new EpochTime(Duration.ofSeconds(V.get("periodSeconds").asLong()));
    static final long EPOCH = V.get("epoch").asLong();

    static JsonNode load() {
        try (InputStream in = TestnetConsensusTest.class.getResourceAsStream("/testnet/testnet_consensus.json")) {
            return Vectors.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Document verified() throws PkiException {
        return UnverifiedDocument.parse(Vectors.hex(V.get("document").get("certificate")))
                .verify(Vectors.authorities(V), Vectors.clockAt(TIME, EPOCH), EPOCH);
    }

    @Test
    void verifiesWithTheTestnetAuthorities() throws Exception {
        assertThat(TIME).isEqualTo(EpochTime.WARPED);
        Document d = verified();
        assertThat(d.epoch()).isEqualTo(EPOCH);
        assertThat(d.signers().size()).isGreaterThanOrEqualTo(V.get("threshold").asInt());
        assertThat(d.certificate().expiration()).isEqualTo(EPOCH + 5);
        assertThat(d.body().version()).isEqualTo(DocumentBody.DOCUMENT_VERSION);
    }

    @Test
    void reencodesByteForByte() throws Exception {
        Document d = verified();
        JsonNode doc = V.get("document");
        assertThat(Vectors.hex(d.certificate().encode())).isEqualTo(doc.get("certificate").asString());
        assertThat(Vectors.hex(d.certified())).isEqualTo(doc.get("certified").asString());
        // what the daemon sends thin clients on connect equals the signed payload
        assertThat(d.encodeCanonical()).isEqualTo(d.certified());
        for (JsonNode dv : doc.get("descriptors")) {
            byte[] b = Vectors.hex(dv.get("bytes"));
            assertThat(MixDescriptor.decode(b).encode()).isEqualTo(b);
        }
        for (JsonNode rv : doc.get("replicas")) {
            byte[] b = Vectors.hex(rv.get("bytes"));
            assertThat(ReplicaDescriptor.decode(b).encode()).isEqualTo(b);
        }
        assertThat(DocumentBody.decode(d.encodeDefault()).encodeCanonical()).isEqualTo(d.certified());
    }

    @Test
    void topologyAndServicesMatchTheReferenceParse() throws Exception {
        Document d = verified();
        JsonNode e = V.get("document").get("expect");
        List<List<String>> layers = new ArrayList<>();
        d.layers().forEach(l -> layers.add(l.stream().map(MixDescriptor::name).toList()));
        List<List<String>> want = new ArrayList<>();
        e.get("topology").forEach(l -> {
            List<String> n = new ArrayList<>();
            l.forEach(x -> n.add(x.asString()));
            want.add(n);
        });
        assertThat(layers).isEqualTo(want);
        assertThat(d.gateways()).extracting(MixDescriptor::name).containsExactly(
                e.get("gatewayNodes").valueStream().map(JsonNode::asString).toArray(String[]::new));
        assertThat(d.storageReplicas()).extracting(ReplicaDescriptor::name).containsExactly(
                e.get("storageReplicas").valueStream().map(JsonNode::asString).toArray(String[]::new));
        for (JsonNode s : e.get("services")) {
            assertThat(d.services(s.get("capability").asString())).anySatisfy(a -> {
                assertThat(a.endpoint()).isEqualTo(s.get("endpoint").asString());
                assertThat(Vectors.hex(a.nodeIdHash())).isEqualTo(s.get("nodeIdHash").asString());
            });
        }
        assertThat(d.services("echo")).isNotEmpty();
        assertThat(d.services("courier")).isNotEmpty();
        MixDescriptor courierNode = d.services("courier").get(0).node();
        assertThat(courierNode.courierLinkKeyPem()).hasValueSatisfying(p -> assertThat(p).contains("PUBLIC KEY"));
        for (MixDescriptor g : d.gateways()) {
            assertThat(g.linkKey()).hasSize(1216);
            assertThat(g.mixKey(EPOCH)).isPresent();
        }
    }

    @Test
    void summaryNamesTopologyAndServices() throws Exception {
        String s = verified().summary();
        assertThat(s).contains("epoch " + EPOCH).contains("layer 0: mix1").contains("gateway gateway1")
                .contains("echo->+echo").contains("courier->courier").contains("replica replica1");
    }

    @Test
    void matchesTheConfiguredGeometryOnly() throws Exception {
        Map<String, Object> g = new LinkedHashMap<>();
        V.get("geometry").properties().forEach(p -> g.put(p.getKey(),
                p.getValue().isNumber() ? (Object) p.getValue().asInt() : p.getValue().asString()));
        Geometry configured = Geometry.fromMap(g);
        assertThat(Vectors.hex(configured.hash())).isEqualTo(V.get("geometryHash").asString());
        Document d = verified();
        d.checkGeometry(configured);
        assertThatThrownBy(() -> d.checkGeometry(Geometry.nike("x25519", 1000, 5)))
                .isInstanceOfSatisfying(PkiException.class, x -> assertThat(x.kind()).isEqualTo(PkiException.Kind.GEOMETRY_MISMATCH));
    }

    @Test
    void outsideItsWindowItIsRejected() throws Exception {
        byte[] cert = Vectors.hex(V.get("document").get("certificate"));
        AuthoritySet a = Vectors.authorities(V);
        assertThatThrownBy(() -> UnverifiedDocument.parse(cert).verify(a, Vectors.clockAt(TIME, EPOCH + 5), EPOCH))
                .isInstanceOfSatisfying(PkiException.class, x -> assertThat(x.kind()).isEqualTo(PkiException.Kind.EXPIRED));
        assertThatThrownBy(() -> UnverifiedDocument.parse(cert).verify(a, Vectors.clockAt(TIME, EPOCH), EPOCH + 1))
                .isInstanceOfSatisfying(PkiException.class, x -> assertThat(x.kind()).isEqualTo(PkiException.Kind.WRONG_EPOCH));
    }
}
