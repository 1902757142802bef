package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;

/** Go-written consensus vectors: verify, parse every field, re-encode byte for byte. */
class DocumentVectorTest {
    static final JsonNode V = Vectors.load("pki_documents.json");
    static final EpochTime TIME = new EpochTime(Duration.ofSeconds(V.get("periodSeconds").asLong()));

    static JsonNode doc(String name) {
        for (JsonNode d : V.get("documents")) {
            if (d.get("name").asString().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static Document verified(JsonNode d) throws PkiException {
        long epoch = d.get("expect").get("epoch").asLong();
        return UnverifiedDocument.parse(Vectors.hex(d.get("certificate")))
                .verify(Vectors.authorities(V), Vectors.clockAt(TIME, epoch), epoch);
    }

    @Test
    void epochConstantsMatchTheReference() {
        assertThat(EpochTime.ORIGIN.getEpochSecond()).isEqualTo(V.get("epochOriginUnix").asLong());
        assertThat(EpochTime.DEFAULT.period()).isEqualTo(TIME.period());
    }

    @Test
    void thresholdIsTheReferenceMajority() throws Exception {
        assertThat(Vectors.authorities(V).threshold()).isEqualTo(V.get("threshold").asInt());
    }

    @Test
    void authorityKeyHashesMatch() throws Exception {
        AuthoritySet set = Vectors.authorities(V);
        for (int i = 0; i < set.size(); i++) {
            JsonNode a = V.get("authorities").get(i);
            assertThat(set.authorities().get(i).identityKey().encoded()).isEqualTo(Vectors.hex(a.get("publicKey")));
            assertThat(set.authorities().get(i).keyHash()).isEqualTo(Vectors.hex(a.get("keyHash")));
        }
    }

    @Test
    void everyDocumentVerifiesParsesAndReencodes() throws Exception {
        assertThat(doc("consensus").has("defaultEncoding")).isTrue();
        assertThat(V.get("documents").size()).isEqualTo(3);
        for (JsonNode d : V.get("documents")) {
            String name = d.get("name").asString();
            byte[] certBytes = Vectors.hex(d.get("certificate"));
            Document doc = verified(d);
            assertThat(doc.signers()).as(name).hasSize(3);

            // certificate fields and byte-exact re-encoding
            Certificate c = doc.certificate();
            assertThat(c.expiration()).isEqualTo(d.get("certExpiration").asLong());
            assertThat(c.keyType()).isEqualTo(d.get("certKeyType").asString());
            assertThat(c.encode()).as(name + " certificate").isEqualTo(certBytes);
            List<String> sigHashes = new ArrayList<>();
            c.signatureList().forEach(s -> sigHashes.add(Vectors.hex(s.publicKeySum256())));
            List<String> want = new ArrayList<>();
            d.get("signatureKeyHashes").forEach(h -> want.add(h.asString()));
            assertThat(sigHashes).containsExactlyInAnyOrderElementsOf(want);

            // document bytes: canonical (certified) and default
            assertThat(doc.certified()).isEqualTo(Vectors.hex(d.get("certified")));
            assertThat(Vectors.hex(doc.encodeCanonical())).as(name + " canonical").isEqualTo(d.get("certified").asString());
            if (d.has("defaultEncoding")) {
                assertThat(Vectors.hex(doc.encodeDefault())).as(name + " default").isEqualTo(d.get("defaultEncoding").asString());
                // the default form decodes to the same document
                DocumentBody fromDefault = DocumentBody.decode(Vectors.hex(d.get("defaultEncoding")));
                assertThat(fromDefault.encodeCanonical()).isEqualTo(doc.certified());
            }
            checkFields(name, doc, d.get("expect"));
            checkDescriptors(doc, d.get("descriptors"));
            checkReplicas(doc, d.get("replicas"));
        }
    }

    private static void checkFields(String name, Document doc, JsonNode e) {
        DocumentBody b = doc.body();
        assertThat(b.epoch()).as(name).isEqualTo(e.get("epoch").asLong());
        assertThat(b.genesisEpoch()).isEqualTo(e.get("genesisEpoch").asLong());
        assertThat(b.sendRatePerMinute()).isEqualTo(e.get("sendRatePerMinute").asLong());
        assertThat(b.mu()).isEqualTo(e.get("mu").asDouble());
        assertThat(b.muMaxDelay()).isEqualTo(e.get("muMaxDelay").asLong());
        assertThat(b.lambdaP()).isEqualTo(e.get("lambdaP").asDouble());
        assertThat(b.lambdaPMaxDelay()).isEqualTo(e.get("lambdaPMaxDelay").asLong());
        assertThat(b.lambdaL()).isEqualTo(e.get("lambdaL").asDouble());
        assertThat(b.lambdaLMaxDelay()).isEqualTo(e.get("lambdaLMaxDelay").asLong());
        assertThat(b.lambdaD()).isEqualTo(e.get("lambdaD").asDouble());
        assertThat(b.lambdaDMaxDelay()).isEqualTo(e.get("lambdaDMaxDelay").asLong());
        assertThat(b.lambdaM()).isEqualTo(e.get("lambdaM").asDouble());
        assertThat(b.lambdaMMaxDelay()).isEqualTo(e.get("lambdaMMaxDelay").asLong());
        assertThat(b.lambdaG()).isEqualTo(e.get("lambdaG").asDouble());
        assertThat(b.lambdaGMaxDelay()).isEqualTo(e.get("lambdaGMaxDelay").asLong());
        assertThat(b.version()).isEqualTo(e.get("version").asString());
        assertThat(b.pkiSignatureScheme()).isEqualTo(e.get("pkiSignatureScheme").asString());
        assertThat(Vectors.hex(b.sharedRandomValue())).isEqualTo(e.get("sharedRandomValue").asString());
        assertThat(Vectors.hex(b.sphinxGeometryHash())).isEqualTo(e.get("sphinxGeometryHash").asString());
        List<String> prior = new ArrayList<>();
        e.get("priorSharedRandom").forEach(p -> prior.add(p.asString()));
        assertThat(b.priorSharedRandom().stream().map(Vectors::hex).toList()).isEqualTo(prior);

        List<List<String>> layers = new ArrayList<>();
        doc.layers().forEach(l -> layers.add(l.stream().map(MixDescriptor::name).toList()));
        List<List<String>> wantLayers = new ArrayList<>();
        e.get("topology").forEach(l -> {
            List<String> names = new ArrayList<>();
            l.forEach(n -> names.add(n.asString()));
            wantLayers.add(names);
        });
        assertThat(layers).isEqualTo(wantLayers);
        assertThat(doc.gateways().stream().map(MixDescriptor::name).toList()).isEqualTo(names(e.get("gatewayNodes")));
        assertThat(doc.serviceNodes().stream().map(MixDescriptor::name).toList()).isEqualTo(names(e.get("serviceNodes")));
        assertThat(doc.storageReplicas().stream().map(ReplicaDescriptor::name).toList()).isEqualTo(names(e.get("storageReplicas")));

        for (String key : List.of("sharedRandomCommit", "sharedRandomReveal")) {
            List<DocumentBody.SharedRandomEntry> got = key.equals("sharedRandomCommit") ? b.sharedRandomCommit() : b.sharedRandomReveal();
            JsonNode want = e.get(key);
            if (want == null || want.isNull()) {
                assertThat(got).isNull();
            } else {
                Map<String, String> gotMap = new HashMap<>();
                got.forEach(s -> gotMap.put(Vectors.hex(s.keyHash()), Vectors.hex(s.value())));
                Map<String, String> wantMap = new HashMap<>();
                want.properties().forEach(p -> wantMap.put(p.getKey(), p.getValue().asString()));
                assertThat(gotMap).isEqualTo(wantMap);
            }
        }

        // services lookup, as FindServices does
        for (JsonNode s : e.get("services")) {
            String cap = s.get("capability").asString();
            List<ServiceAddress> found = doc.services(cap);
            assertThat(found).anySatisfy(a -> {
                assertThat(a.node().name()).isEqualTo(s.get("nodeName").asString());
                assertThat(Vectors.hex(a.nodeIdHash())).isEqualTo(s.get("nodeIdHash").asString());
                assertThat(a.endpoint()).isEqualTo(s.get("endpoint").asString());
            });
        }
        int services = 0;
        for (String cap : doc.capabilities()) {
            services += doc.services(cap).size();
        }
        assertThat(services).isEqualTo(e.get("services").size());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && !n.isNull()) {
            n.forEach(x -> out.add(x.asString()));
        }
        return out;
    }

    private static void checkDescriptors(Document doc, JsonNode ds) throws Exception {
        for (JsonNode dv : ds) {
            byte[] bytes = Vectors.hex(dv.get("bytes"));
            MixDescriptor d = MixDescriptor.decode(bytes);
            assertThat(d.encode()).as(dv.get("name").asString()).isEqualTo(bytes);
            assertThat(d.encoded()).isEqualTo(bytes);
            assertThat(d.name()).isEqualTo(dv.get("name").asString());
            assertThat(d.epoch()).isEqualTo(dv.get("epoch").asLong());
            assertThat(Vectors.hex(d.identityKey())).isEqualTo(dv.get("identityKey").asString());
            assertThat(Vectors.hex(d.idHash())).isEqualTo(dv.get("identityKeyHash").asString());
            assertThat(Vectors.hex(d.linkKey())).isEqualTo(dv.get("linkKey").asString());
            Map<String, String> mk = new HashMap<>();
            d.mixKeys().forEach((k, v) -> mk.put(Long.toUnsignedString(k), Vectors.hex(v)));
            Map<String, String> wantMk = new HashMap<>();
            dv.get("mixKeys").properties().forEach(p -> wantMk.put(p.getKey(), p.getValue().asString()));
            assertThat(mk).isEqualTo(wantMk);
            Map<String, List<String>> wantAddr = new HashMap<>();
            dv.get("addresses").properties().forEach(p -> wantAddr.put(p.getKey(), names(p.getValue())));
            assertThat(d.addresses()).isEqualTo(wantAddr);
            Map<String, String> endpoints = new HashMap<>();
            if (d.kaetzchen() != null) {
                d.kaetzchen().keySet().forEach(cap -> d.endpoint(cap).ifPresent(ep -> endpoints.put(cap, ep)));
            } else {
                assertThat(dv.get("kaetzchen").isNull()).isTrue();
            }
            Map<String, String> wantEp = new HashMap<>();
            dv.get("endpoints").properties().forEach(p -> wantEp.put(p.getKey(), p.getValue().asString()));
            assertThat(endpoints).isEqualTo(wantEp);
            JsonNode adv = dv.get("kaetzchenAdvertizedData");
            if (adv.isNull()) {
                assertThat(d.kaetzchenAdvertizedData()).isNull();
            } else if (adv.has("courier")) {
                assertThat(d.courierLinkKeyPem()).contains(adv.get("courier").get("linkPublicKey").asString());
            }
            assertThat(d.isGatewayNode()).isEqualTo(dv.get("isGatewayNode").asBoolean());
            assertThat(d.isServiceNode()).isEqualTo(dv.get("isServiceNode").asBoolean());
            assertThat(d.loadWeight()).isEqualTo(dv.get("loadWeight").asInt());
            assertThat(d.authenticationType()).isEqualTo(dv.get("authenticationType").asString());
            assertThat(d.version()).isEqualTo(dv.get("version").asString());
            // the document's view agrees: same bytes, same layer
            assertThat(doc.node(d.idHash())).contains(d);
            assertThat(doc.layerOf(d.idHash())).contains(dv.get("layer").asInt());
        }
    }

    private static void checkReplicas(Document doc, JsonNode rs) throws Exception {
        int i = 0;
        for (JsonNode rv : rs == null || rs.isNull() ? List.<JsonNode>of() : toList(rs)) {
            byte[] bytes = Vectors.hex(rv.get("bytes"));
            ReplicaDescriptor r = ReplicaDescriptor.decode(bytes);
            assertThat(r.encode()).isEqualTo(bytes);
            assertThat(doc.storageReplicas().get(i)).isEqualTo(r);
            assertThat(r.name()).isEqualTo(rv.get("name").asString());
            assertThat(r.epoch()).isEqualTo(rv.get("epoch").asLong());
            assertThat(Vectors.hex(r.identityKey())).isEqualTo(rv.get("identityKey").asString());
            assertThat(Vectors.hex(r.linkKey())).isEqualTo(rv.get("linkKey").asString());
            rv.get("envelopeKeys").properties().forEach(p ->
                    assertThat(r.envelopeKey(Long.parseUnsignedLong(p.getKey())).map(Vectors::hex)).contains(p.getValue().asString()));
            assertThat(doc.replica(r.idHash())).contains(r);
            i++;
        }
        assertThat(i).isEqualTo(doc.storageReplicas().size());
    }

    private static List<JsonNode> toList(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    @Test
    void anyTypedServiceParametersSurvive() throws Exception {
        Document doc = verified(doc("consensus"));
        MixDescriptor s2 = doc.nodeByName("servicenode2").orElseThrow();
        Map<String, CborValue> echo = s2.kaetzchen().get("echo");
        assertThat(echo.get("maxRate")).isEqualTo(new CborValue.UInt(70000));
        assertThat(echo.get("ratio")).isEqualTo(new CborValue.Float64(0.25));
        assertThat(echo.get("enabled")).isEqualTo(new CborValue.Bool(true));
        assertThat(echo.get("blob").asBytes("blob")).containsExactly(1, 2, 3);
        assertThat(s2.loadWeight()).isEqualTo(7);
    }

    @Test
    void geometryHashIsCheckedAgainstTheConfiguredGeometry() throws Exception {
        Document doc = verified(doc("consensus"));
        Geometry docker = Geometry.nike("x25519", 2000, 5);
        assertThat(Vectors.hex(docker.hash())).isEqualTo(V.get("geometryHash").asString());
        doc.checkGeometry(docker);
        assertThatThrownBy(() -> doc.checkGeometry(Geometry.nike("x25519", 2001, 5)))
                .isInstanceOfSatisfying(PkiException.class,
                        e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.GEOMETRY_MISMATCH));
    }

    @Test
    void gatewaysCarryLinkKeysAndAddresses() throws Exception {
        Document doc = verified(doc("consensus"));
        for (MixDescriptor g : doc.gateways()) {
            assertThat(g.isGatewayNode()).isTrue();
            assertThat(g.authenticationType()).isEqualTo(MixDescriptor.AUTH_TOFU);
            assertThat(g.linkKey()).hasSize(1216);
            assertThat(g.addresses()).containsKeys("tcp4", "tcp6", "quic");
            assertThat(doc.gateway(g.idHash())).contains(g);
            assertThat(g.mixKey(doc.epoch())).isPresent();
            assertThat(g.mixKey(doc.epoch() + 3)).isEmpty();
        }
    }

    @Test
    void gatewayChoiceIsUniformOverTheListedGateways() throws Exception {
        Document doc = verified(doc("consensus"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 64; i++) {
            seen.add(doc.chooseGateway(r).orElseThrow().name());
        }
        assertThat(seen).containsExactlyInAnyOrder("gateway1", "gateway2");
    }

    @Test
    void casesAreDecidedLikeTheReference() throws Exception {
        AuthoritySet auth = Vectors.authorities(V);
        for (JsonNode c : V.get("cases")) {
            String name = c.get("name").asString();
            byte[] cert = c.has("certificate") ? Vectors.hex(c.get("certificate"))
                    : Vectors.hex(doc(c.get("document").asString()).get("certificate"));
            EpochClock clock = Vectors.clockAt(TIME, c.get("nowEpoch").asLong());
            long requested = c.get("requestedEpoch").asLong();
            if (c.get("referenceAccepts").asBoolean()) {
                Document d = UnverifiedDocument.parse(cert).verify(auth, clock, requested);
                assertThat(d.epoch()).as(name).isEqualTo(requested);
                assertThat(d.signers().size()).as(name).isGreaterThanOrEqualTo(auth.threshold());
            } else {
                PkiException.Kind kind = PkiException.Kind.valueOf(c.get("expectedKind").asString());
                assertThatThrownBy(() -> UnverifiedDocument.parse(cert).verify(auth, clock, requested))
                        .as(name)
                        .isInstanceOfSatisfying(PkiException.class, e -> {
                            assertThat(e.kind()).as(name + ": " + e.getMessage()).isEqualTo(kind);
                            assertThat(e.getMessage()).startsWith(kind.name());
                        });
            }
        }
    }

    @Test
    void aThresholdAboveTheMajorityRejectsTwoOfThree() throws Exception {
        AuthoritySet all = AuthoritySet.withThreshold(Vectors.authorities(V).authorities(), 3);
        JsonNode c = null;
        for (JsonNode x : V.get("cases")) {
            if (x.get("name").asString().equals("exactly-threshold-two-signatures")) {
                c = x;
            }
        }
        byte[] cert = Vectors.hex(c.get("certificate"));
        long e = c.get("requestedEpoch").asLong();
        assertThatThrownBy(() -> UnverifiedDocument.parse(cert).verify(all, Vectors.clockAt(TIME, e), e))
                .isInstanceOfSatisfying(PkiException.class, x -> assertThat(x.kind()).isEqualTo(PkiException.Kind.UNDER_SIGNED));
    }
}
