package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.katzen4j.pigeonhole.PigeonholeGeometry;

/**
 * Bad values, missing sections and wrong types in a genconfig-written client.toml give errors naming
 * file, line and key (line numbers refer to genconfig/local-3hop/client.toml).
 */
class ClientConfigValidationTest {

    private static String base;

    @BeforeAll
    static void readBase() throws Exception {
        base = Files.readString(Resources.genconfig("local-3hop", "client.toml"));
    }

    /** Applies literal replacements (each must match) and returns the problems of a lenient load. */
    private static List<String> errors(String... edits) {
        return report(LoadOptions.DEFAULT, edits).errors().stream().map(ConfigProblem::toString).toList();
    }

    private static ConfigReport<ClientConfig> report(LoadOptions options, String... edits) {
        String text = base;
        for (int i = 0; i < edits.length; i += 2) {
            assertThat(text).contains(edits[i]);
            text = text.replaceFirst(java.util.regex.Pattern.quote(edits[i]),
                    java.util.regex.Matcher.quoteReplacement(edits[i + 1]));
        }
        return ClientConfig.check(text, "client.toml", options);
    }

    @Test
    void wireKem() {
        assertThat(errors("WireKEMScheme = \"xwing\"\n\n", "WireKEMScheme = \"\"\n\n"))
                .containsExactly("client.toml:4:1: WireKEMScheme: WireKEMScheme is empty string");
        assertThat(errors("WireKEMScheme = \"xwing\"\n\n", "WireKEMScheme = \"kyber\"\n\n"))
                .containsExactly("client.toml:4:1: WireKEMScheme: WireKEMScheme 'kyber' is not a KEM scheme the reference knows");
        assertThat(errors("WireKEMScheme = \"xwing\"\n\n", "\n\n")).containsExactly(
                "client.toml: WireKEMScheme: WireKEMScheme is empty string");
    }

    @Test
    void listener() {
        assertThat(errors("ListenNetwork = \"tcp\"", "ListenNetwork = \"udp\"")).containsExactly(
                "client.toml:1:1: ListenNetwork: ListenNetwork 'udp' is not one of [tcp, tcp4, tcp6, unix]");
        assertThat(errors("ListenAddress = \"localhost:64331\"", "ListenAddress = 64331")).containsExactly(
                "client.toml:2:1: ListenAddress: expected a string, got integer");
    }

    @Test
    void sphinxGeometry() {
        assertThat(errors("[SphinxGeometry]", "[SphinxGeometryX]")).containsExactly(
                "client.toml: SphinxGeometry: No SphinxGeometry block was present");
        assertThat(errors("  NrHops = 3\n", "  NrHops = 0\n")).containsExactly(
                "client.toml:8:3: SphinxGeometry.NrHops: geometry has NrHops of 0");
        assertThat(errors("  KEMName = \"\"", "  KEMName = \"xwing\"")).containsExactly(
                "client.toml:20:3: SphinxGeometry.KEMName: geometry NIKEName and KEMName must not both be set");
        assertThat(errors("  NIKEName = \"x25519\"", "  NIKEName = \"x9\"")).containsExactly(
                "client.toml:19:3: SphinxGeometry.NIKEName: geometry has invalid NIKE Scheme x9");
        assertThat(errors("  PacketLength = 2754", "  PacketLength = 2754.5")).containsExactly(
                "client.toml:7:3: SphinxGeometry.PacketLength: expected an integer, got float");
        assertThat(errors("  PacketLength = 2754", "  PacketLength = 99999999999")).containsExactly(
                "client.toml:7:3: SphinxGeometry.PacketLength: integer 99999999999 is out of range");
        // Accepted by the reference, but such packets would be dropped by the mixes.
        assertThat(report(LoadOptions.DEFAULT, "  ForwardPayloadLength = 2410", "  ForwardPayloadLength = 2411").errors())
                .singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("SphinxGeometry.ForwardPayloadLength");
                    assertThat(p.line()).isEqualTo(15);
                    assertThat(p.message()).contains("requires 2410");
                });
        // A scheme hpqc has but katzen4j's sphinx does not.
        assertThat(report(LoadOptions.DEFAULT, "  NIKEName = \"x25519\"", "  NIKEName = \"ctidh1024\"").errors())
                .singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.UNSUPPORTED);
                    assertThat(p.key()).isEqualTo("SphinxGeometry.NIKEName");
                });
    }

    @Test
    void pigeonholeGeometry() {
        assertThat(errors("[PigeonholeGeometry]", "[PigeonholeGeometryX]")).containsExactly(
                "client.toml: PigeonholeGeometry: No PigeonholeGeometry block was present");
        assertThat(errors("  SignatureSchemeName = \"Ed25519\"", "  SignatureSchemeName = \"ed25519\"")).containsExactly(
                "client.toml:29:3: PigeonholeGeometry.SignatureSchemeName: SignatureSchemeName must be Ed25519");
        assertThat(errors("  MaxPlaintextPayloadLength = 1553", "  MaxPlaintextPayloadLength = -1")).containsExactly(
                "client.toml:23:3: PigeonholeGeometry.MaxPlaintextPayloadLength: MaxPlaintextPayloadLength must be positive");
    }

    @Test
    void logging() {
        assertThat(errors("  Level = \"DEBUG\"", "  Level = \"NOTICE\"")).containsExactly(
                "client.toml:34:3: Logging.Level: Level 'NOTICE' is invalid (one of [ERROR, WARNING, INFO, DEBUG])");
        assertThat(errors("[Logging]\n  Disable = false\n  File = \"\"\n  Level = \"DEBUG\"\n", ""))
                .singleElement().asString().startsWith("client.toml: Logging: No Logging block was present");
        assertThat(errors("  File = \"\"\n  Level", "  File = \"kp.log\"\n  Level")).containsExactly(
                "client.toml:33:3: Logging.File: log file path must be absolute path");
        assertThat(errors("  Disable = false", "  Disable = \"no\"")).containsExactly(
                "client.toml:32:3: Logging.Disable: expected a boolean, got string");
    }

    @Test
    void upstreamProxy() {
        assertThat(errors("[UpstreamProxy]", "[UpstreamProxyX]")).singleElement().asString()
                .startsWith("client.toml: UpstreamProxy: No UpstreamProxy block was present");
        assertThat(errors("  Type = \"none\"", "  Type = \"http\"")).containsExactly(
                "client.toml:37:3: UpstreamProxy.Type: Type 'http' is invalid (none, socks5 or tor+socks5)");
        assertThat(errors("  Type = \"none\"\n  Network = \"\"\n  Address = \"\"",
                "  Type = \"socks5\"\n  Network = \"tcp\"\n  Address = \"localhost:9050\"")).containsExactly(
                "client.toml:39:3: UpstreamProxy.Address: Address 'localhost:9050' is invalid: address 'localhost' is not an IP");
        assertThat(errors("  Type = \"none\"\n  Network = \"\"\n  Address = \"\"\n  User = \"\"",
                "  Type = \"tor+socks5\"\n  Network = \"tcp\"\n  Address = \"127.0.0.1:9050\"\n  User = \"u\"",
                "  Password = \"\"", "  Password = \"p\"")).containsExactly(
                "client.toml:40:3: UpstreamProxy.User: Tor SOCKS5 conflicts with setting User/Password");
    }

    @Test
    void unixSocketProxyMustBeASocket(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-socket"), "x");
        assertThat(errors("  Type = \"none\"\n  Network = \"\"\n  Address = \"\"",
                "  Type = \"socks5\"\n  Network = \"unix\"\n  Address = \"" + file + "\"")).containsExactly(
                "client.toml:39:3: UpstreamProxy.Address: Address '" + file + "' does not appear to be a socket");
    }

    @Test
    void debug() {
        assertThat(errors("  PollingInterval = 0", "  PollingInterval = \"10\"")).containsExactly(
                "client.toml:47:3: Debug.PollingInterval: expected an integer, got string");
        assertThat(errors("  DisableDecoyTraffic = true", "  DisableDecoyTraffic = 1")).containsExactly(
                "client.toml:44:3: Debug.DisableDecoyTraffic: expected a boolean, got integer");
    }

    @Test
    void gateways() {
        assertThat(errors("    Name = \"gateway1\"\n", "")).containsExactly(
                "client.toml:52:3: PinnedGateways.Gateways[0].Name: Name is missing");
        assertThat(errors("    Name = \"gateway1\"\n", "    name = \"gateway1\"\n")).containsExactly(
                "client.toml:52:3: PinnedGateways.Gateways[0].Name: Name is missing"
                        + " (found 'name': keys in this table are case-sensitive)");
        assertThat(errors("    Addresses = [\"tcp://127.0.0.1:30004\"]", "    Addresses = [\"http://127.0.0.1:30004\"]"))
                .containsExactly("client.toml:58:18: PinnedGateways.Gateways[0].Addresses[0]: Address Invalid Scheme: "
                        + "http://127.0.0.1:30004 (one of [tcp, tcp4, tcp6, quic, onion])");
        assertThat(errors("    Addresses = [\"tcp://127.0.0.1:30004\"]", "    Addresses = []")).containsExactly(
                "client.toml:58:5: PinnedGateways.Gateways[0].Addresses: No valid Addresses");
        assertThat(errors("LinkKey = \"-----BEGIN XWING PUBLIC KEY-----", "LinkKey = \"-----BEGIN ED25519 PUBLIC KEY-----",
                "-----END XWING PUBLIC KEY-----\\n\"\n    PKISignatureScheme",
                "-----END ED25519 PUBLIC KEY-----\\n\"\n    PKISignatureScheme")).containsExactly(
                "client.toml:56:5: PinnedGateways.Gateways[0].LinkKey: wrong PEM key type 'ED25519 PUBLIC KEY', "
                        + "expected 'XWING PUBLIC KEY'");
        assertThat(errors("IdentityKey = \"-----BEGIN ED25519 PUBLIC KEY-----\\nfd",
                "IdentityKey = \"-----BEGIN ED25519 PUBLIC KEY-----\\nAAAAfd")).containsExactly(
                "client.toml:55:5: PinnedGateways.Gateways[0].IdentityKey: Ed25519 public key must be 32 bytes, PEM holds 35");
        assertThat(errors("[[PinnedGateways.Gateways]]", "[[PinnedGateways.Others]]")).containsExactly(
                "client.toml:50:1: PinnedGateways: no Gateways in PinnedGateways (and no CachedDocument): "
                        + "the daemon has nothing to connect to");
        assertThat(errors("[PinnedGateways]", "[PinnedGatewaysX]", "[[PinnedGateways.Gateways]]",
                "[[PinnedGatewaysX.Gateways]]")).containsExactly(
                "client.toml: PinnedGateways: No PinnedGateways block was present");
    }

    @Test
    void votingAuthority() {
        assertThat(errors("    Identifier = \"auth2\"\n", "")).containsExactly(
                "client.toml:70:3: VotingAuthority.Peers[1].Identifier: Identifier is missing");
        assertThat(errors("    WireKEMScheme = \"xwing\"\n    Addresses = [\"tcp://127.0.0.1:30003\"]",
                "    WireKEMScheme = \"nope\"\n    Addresses = [\"tcp://127.0.0.1:30003\"]")).containsExactly(
                "client.toml:83:5: VotingAuthority.Peers[2].WireKEMScheme: scheme 'nope' not found");
        assertThat(errors("    Addresses = [\"tcp://127.0.0.1:30001\"]\n", "")).containsExactly(
                "client.toml:62:3: VotingAuthority.Peers[0].Addresses: Addresses is missing");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.parse(
                base.replace("  NrHops = 3\n", "  NrHops = 0\n")
                        .replace("  Level = \"DEBUG\"", "  Level = \"LOUD\"")
                        .replace("    Name = \"gateway1\"\n", ""), "client.toml", LoadOptions.DEFAULT));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(
                "SphinxGeometry.NrHops", "Logging.Level", "PinnedGateways.Gateways[0].Name");
        assertThat(e.getMessage()).isEqualTo("client.toml:8:3: SphinxGeometry.NrHops: geometry has NrHops of 0 (and 2 more)");
    }

    @Test
    void strictModeRejectsUnknownKeysWithFileLineAndKey() {
        String[] edits = {"ListenAddress = ", "ListenAdress = \"x\"\nListenAddress = ",
                "    Name = \"gateway1\"\n", "    Name = \"gateway1\"\n    Nmae = \"typo\"\n",
                "  EnableTimeSync = false\n", "  EnableTimeSync = false\n  EnableTimeSink = true\n"};
        ConfigReport<ClientConfig> lenient = report(LoadOptions.DEFAULT, edits);
        assertThat(lenient.ok()).isTrue();
        assertThat(lenient.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "client.toml:2:1: ListenAdress: unknown key in client.toml (ignored, as the reference does)",
                "client.toml:50:3: Debug.EnableTimeSink: unknown key in [Debug] (ignored, as the reference does)",
                "client.toml:57:5: PinnedGateways.Gateways[0].Nmae: unknown key in a pinned gateway (ignored, as the reference does)");
        ConfigReport<ClientConfig> strict = report(LoadOptions.STRICT, edits);
        assertThat(strict.ok()).isFalse();
        assertThat(strict.errors()).extracting(ConfigProblem::toString).containsExactly(
                "client.toml:2:1: ListenAdress: unknown key in client.toml",
                "client.toml:50:3: Debug.EnableTimeSink: unknown key in [Debug]",
                "client.toml:57:5: PinnedGateways.Gateways[0].Nmae: unknown key in a pinned gateway");
    }

    @Test
    void wrongSectionTypes() {
        assertThat(errors("[Debug]\n", "[Debug2]\n", "ListenNetwork", "Debug = true\nListenNetwork")).containsExactly(
                "client.toml:1:1: Debug: expected a table, got boolean");
        assertThat(errors("ListenNetwork", "Callbacks = { OnConnFn = \"x\" }\nListenNetwork")).containsExactly(
                "client.toml:1:1: Callbacks: Callbacks cannot be set from a config file");
    }

    @Test
    void cachedDocumentIsKeptAsPlainData() throws Exception {
        ClientConfig d = ClientConfig.parse(base + "\n[CachedDocument]\n  Epoch = 7\n  LambdaP = 0.5\n", "c.toml",
                LoadOptions.STRICT);
        assertThat(d.cachedDocument()).hasValueSatisfying(m -> {
            assertThat(m).containsEntry("Epoch", 7L).containsEntry("LambdaP", 0.5);
        });
    }

    @Test
    void checkConfigReportFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("client.toml");
        Files.writeString(f, base.replace("  Level = \"DEBUG\"", "  Level = \"TRACE\"")
                .replace("  EnableTimeSync = false\n", "  EnableTimeSync = false\n  Verbose = true\n"));
        ConfigReport<ClientConfig> r = ClientConfig.check(f, LoadOptions.DEFAULT);
        assertThat(r.ok()).isFalse();
        assertThat(r.config()).isEmpty();
        assertThat(r.lines()).containsExactly(
                "error: " + f + ":34:3: Logging.Level: Level 'TRACE' is invalid (one of [ERROR, WARNING, INFO, DEBUG])",
                "warning: " + f + ":49:3: Debug.Verbose: unknown key in [Debug] (ignored, as the reference does)");
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.load(f));
        assertThat(e.problems()).isEqualTo(r.errors());
    }

    @Test
    void pigeonholeSizesNotDerivedFromSphinxAreAWarning() throws Exception {
        ConfigReport<ClientConfig> r = report(LoadOptions.STRICT, "  MaxPlaintextPayloadLength = 1553",
                "  MaxPlaintextPayloadLength = 1500");
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("PigeonholeGeometry");
            assertThat(w.line()).isEqualTo(22);
            assertThat(w.message()).contains("UserForwardPayloadLength 2000");
        });
        PigeonholeGeometry ph = ClientConfig.load(Resources.genconfig("local-3hop", "client.toml")).pigeonholeGeometry();
        assertThat(ph.paddedPayloadLength()).isEqualTo(1557);
    }

    @Test
    void crlfLineEndingsLoadAndKeepLineNumbers() {
        String crlf = base.replace("  Level = \"DEBUG\"", "  Level = \"LOUD\"").replace("\n", "\r\n");
        ConfigReport<ClientConfig> r = ClientConfig.check(crlf, "client.toml", LoadOptions.STRICT);
        assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
                "client.toml:34:3: Logging.Level: Level 'LOUD' is invalid (one of [ERROR, WARNING, INFO, DEBUG])");
        assertThat(ClientConfig.check(base.replace("\n", "\r\n"), "client.toml", LoadOptions.STRICT).ok()).isTrue();
    }
}
