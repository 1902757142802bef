package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Differential test against the reference loader: {@code vectors/config_load_cases.json} is written
 * by the Go oracle ({@code interop/oracle/config_load.go}), which runs the reference
 * {@code client2/config.Load} on a genconfig-style base file and on mutations of it. Whatever the
 * reference accepts (and its daemon can start with) must load here with the same values; whatever it
 * rejects, panics on, or fails on at daemon start must be rejected here at load.
 */
class ReferenceLoadCasesTest {

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = ReferenceLoadCasesTest.class.getResourceAsStream("/vectors/config_load_cases.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : root) {
                out.add(Arguments.of(c.get("name").stringValue(), c));
            }
            assertThat(out).hasSizeGreaterThan(50);
            return out.stream();
        }
    }

    private static final Pattern GO_TYPE_ERROR =
            Pattern.compile("^toml: line (\\d+) \\(last key \"([^\"]+)\"\\): incompatible types");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOutcomeAsReference(String name, JsonNode c) {
        String outcome = c.get("outcome").stringValue();
        boolean failsAtStart = c.has("failsAtStart");
        ConfigReport<ClientConfig> lenient = ClientConfig.check(c.get("toml").stringValue(), "case.toml", LoadOptions.DEFAULT);

        if (outcome.equals("ok") && !failsAtStart) {
            assertThat(lenient.errors()).as("reference accepts this file").isEmpty();
            assertSameValues(lenient.config().orElseThrow(), c.get("result"));
            return;
        }
        assertThat(lenient.errors())
                .as("reference: " + outcome + (failsAtStart ? " at daemon start: " + c.get("failsAtStart").stringValue()
                        : ": " + c.get("error").stringValue()))
                .isNotEmpty();
        for (ConfigProblem p : lenient.errors()) {
            assertThat(p.file()).isEqualTo("case.toml");
            assertThat(p.message()).isNotBlank();
        }
        if (c.has("error")) {
            Matcher m = GO_TYPE_ERROR.matcher(c.get("error").stringValue());
            if (m.find()) {
                // Type errors: the same line and key as the reference names.
                assertThat(lenient.errors()).anySatisfy(p -> {
                    assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.TYPE);
                    assertThat(p.line()).isEqualTo(Integer.parseInt(m.group(1)));
                    assertThat(p.key()).isEqualTo(m.group(2));
                });
            }
        }
    }

    private static void assertSameValues(ClientConfig cfg, JsonNode r) {
        assertThat(cfg.listenNetwork()).isEqualTo(r.get("listenNetwork").stringValue());
        assertThat(cfg.listenAddress()).isEqualTo(r.get("listenAddress").stringValue());
        assertThat(cfg.pkiSignatureScheme()).isEqualTo(r.get("pkiSignatureScheme").stringValue());
        assertThat(cfg.wireKemScheme()).isEqualTo(r.get("wireKemScheme").stringValue());

        JsonNode l = r.get("logging");
        assertThat(cfg.logging()).isEqualTo(new ClientConfig.Logging(l.get("Disable").booleanValue(),
                l.get("File").stringValue(), l.get("Level").stringValue()));
        JsonNode p = r.get("upstreamProxy");
        assertThat(cfg.upstreamProxy()).isEqualTo(new ClientConfig.UpstreamProxy(p.get("Type").stringValue(),
                p.get("Network").stringValue(), p.get("Address").stringValue(), p.get("User").stringValue(),
                p.get("Password").stringValue()));
        JsonNode d = r.get("debug");
        assertThat(cfg.debug()).isEqualTo(new ClientConfig.Debug(d.get("DisableDecoyTraffic").booleanValue(),
                d.get("SessionDialTimeout").intValue(), d.get("InitialMaxPKIRetrievalDelay").intValue(),
                d.get("PollingInterval").intValue(), d.get("EnableTimeSync").booleanValue()));

        Map<String, Object> g = new java.util.LinkedHashMap<>();
        r.get("sphinxGeometry").properties().forEach(e -> g.put(e.getKey(),
                e.getValue().isNumber() ? (Object) e.getValue().intValue() : e.getValue().stringValue()));
        assertThat(cfg.sphinxGeometry().toMap()).isEqualTo(g);
        assertThat(g.keySet()).containsExactlyElementsOf(Geometry.KEYS);

        JsonNode ph = r.get("pigeonholeGeometry");
        assertThat(cfg.pigeonholeGeometry()).isEqualTo(new PigeonholeGeometry(
                ph.get("MaxPlaintextPayloadLength").intValue(), ph.get("CourierQueryReadLength").intValue(),
                ph.get("CourierQueryWriteLength").intValue(), ph.get("CourierQueryReplyReadLength").intValue(),
                ph.get("CourierQueryReplyWriteLength").intValue(), ph.get("NIKEName").stringValue(),
                ph.get("SignatureSchemeName").stringValue()));

        HexFormat hex = HexFormat.of();
        JsonNode gws = r.get("gateways");
        assertThat(cfg.pinnedGateways()).hasSize(gws.size());
        for (int i = 0; i < gws.size(); i++) {
            ClientConfig.Gateway gw = cfg.pinnedGateways().get(i);
            JsonNode e = gws.get(i);
            assertThat(gw.name()).isEqualTo(e.get("name").stringValue());
            assertThat(gw.addresses()).isEqualTo(strings(e.get("addresses")));
            assertThat(gw.identityKey()).isEqualTo(hex.parseHex(e.get("identityKey").stringValue()));
            assertThat(gw.linkKey()).isEqualTo(hex.parseHex(e.get("linkKey").stringValue()));
        }
        JsonNode peers = r.get("peers");
        int n = peers == null || peers.isNull() ? 0 : peers.size();
        assertThat(cfg.votingAuthorities()).hasSize(n);
        for (int i = 0; i < n; i++) {
            ClientConfig.Authority a = cfg.votingAuthorities().get(i);
            JsonNode e = peers.get(i);
            assertThat(a.identifier()).isEqualTo(e.get("name").stringValue());
            assertThat(a.addresses()).isEqualTo(strings(e.get("addresses")));
            assertThat(a.identityPublicKey()).isEqualTo(hex.parseHex(e.get("identityKey").stringValue()));
            assertThat(a.linkPublicKey()).isEqualTo(hex.parseHex(e.get("linkKey").stringValue()));
        }
        JsonNode t = r.get("preferedTransports");
        if (t == null || t.isNull()) {
            assertThat(cfg.preferedTransports()).isEmpty();
        } else {
            assertThat(cfg.preferedTransports()).contains(strings(t));
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(e -> out.add(e.stringValue()));
        return out;
    }
}
