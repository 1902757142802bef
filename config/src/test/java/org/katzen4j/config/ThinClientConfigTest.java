package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

class ThinClientConfigTest {

    @Test
    void loadsLocalTestnetFileWrittenByGenconfig() throws Exception {
        ThinClientConfig c = ThinClientConfig.load(Resources.genconfig("local-3hop", "thinclient.toml"));
        assertThat(c.network()).isEqualTo("tcp");
        assertThat(c.address()).isEqualTo("localhost:64331");
        assertThat(c.isUnixSocket()).isFalse();
        assertThat(c.sphinxGeometry()).isEqualTo(new Geometry(2754, 3, 312, 246, 82, 408, 2, 32, 2410, 2000, 65, 64,
                "x25519", ""));
        assertThat(c.pigeonholeGeometry()).isEqualTo(new PigeonholeGeometry(1553, 359, 2000, 1698, 50,
                "CTIDH1024-X25519", "Ed25519"));
    }

    @Test
    void loadsDockerLikeFile() throws Exception {
        ThinClientConfig c = ThinClientConfig.load(Resources.genconfig("docker-5hop", "thinclient.toml"), LoadOptions.STRICT);
        Geometry g = c.sphinxGeometry();
        assertThat(g.nrHops()).isEqualTo(5);
        assertThat(g.packetLength()).isEqualTo(3082);
        assertThat(g.headerLength()).isEqualTo(476);
        assertThat(g.surbLength()).isEqualTo(572);
        assertThat(g.forwardPayloadLength()).isEqualTo(2574);
        assertThat(g).isEqualTo(Geometry.nike("x25519", 2000, 5));
    }

    @Test
    void loadsKemSphinxFile() throws Exception {
        ThinClientConfig c = ThinClientConfig.load(Resources.genconfig("kem-xwing-2gw", "thinclient.toml"), LoadOptions.STRICT);
        Geometry g = c.sphinxGeometry();
        assertThat(g.kemName()).isEqualTo("XWING");
        assertThat(g.nikeName()).isEmpty();
        assertThat(g.isKem()).isTrue();
        assertThat(g).isEqualTo(Geometry.kem("XWING", 1000, 4));
        assertThat(c.pigeonholeGeometry().maxPlaintextPayloadLength()).isEqualTo(553);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local-3hop", "docker-5hop", "kem-xwing-2gw", "mlkem-x448-decoys"})
    void everyGenconfigVariantLoadsStrictlyWithValidGeometry(String variant) throws Exception {
        ConfigReport<ThinClientConfig> r = ThinClientConfig.check(Resources.genconfig(variant, "thinclient.toml"),
                LoadOptions.STRICT);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        r.config().orElseThrow().sphinxGeometry().validate();
        assertThat(Geometries.pigeonholeReferenceProblem(r.config().orElseThrow().pigeonholeGeometry())).isNull();
    }

    @Test
    void unixSocketAndCaseInsensitiveKeysAsBurntSushi() throws Exception {
        String base = Files.readString(Resources.genconfig("local-3hop", "thinclient.toml"));
        String toml = base.replace("Network = \"tcp\"", "network = \"unix\"")
                .replace("Address = \"localhost:64331\"", "ADDRESS = \"/run/kpclientd/thin.sock\"");
        ThinClientConfig c = ThinClientConfig.parse(toml, "t.toml", LoadOptions.STRICT);
        assertThat(c.isUnixSocket()).isTrue();
        assertThat(c.address()).isEqualTo("/run/kpclientd/thin.sock");
    }

    @Test
    void unknownKeysAreWarningsByDefaultAndErrorsWhenStrict(@TempDir Path dir) throws Exception {
        String base = Files.readString(Resources.genconfig("local-3hop", "thinclient.toml"));
        Path f = dir.resolve("thinclient.toml");
        Files.writeString(f, base.replace("  NrHops = 3\n", "  NrHops = 3\n  NrHopz = 4\n"));
        ConfigReport<ThinClientConfig> lenient = ThinClientConfig.check(f, LoadOptions.DEFAULT);
        assertThat(lenient.ok()).isTrue();
        assertThat(lenient.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("SphinxGeometry.NrHopz");
            assertThat(w.line()).isEqualTo(7);
            assertThat(w.kind()).isEqualTo(ConfigProblem.Kind.UNKNOWN_KEY);
        });
        assertThatThrownBy(() -> ThinClientConfig.load(f, LoadOptions.STRICT))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ":7:3: SphinxGeometry.NrHopz: unknown key in [SphinxGeometry]");
    }

    @Test
    void missingGeometryIsReported() {
        assertThatThrownBy(() -> ThinClientConfig.parse("Network = \"tcp\"\nAddress = \"localhost:1\"\n", "t.toml",
                LoadOptions.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::key)
                            .containsExactly("SphinxGeometry", "PigeonholeGeometry");
                    assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.MISSING);
                });
    }

    @Test
    void badNetworkAndWrongTypesNameLineAndKey() throws Exception {
        String base = Files.readString(Resources.genconfig("local-3hop", "thinclient.toml"));
        String toml = base.replace("Network = \"tcp\"", "Network = \"TCP\"")
                .replace("  PacketLength = 2754", "  PacketLength = \"2754\"")
                .replace("  NIKEName = \"CTIDH1024-X25519\"", "  NIKEName = 7");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ThinClientConfig.parse(toml, "thin.toml", LoadOptions.DEFAULT));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "thin.toml:1:1: Network: Network 'TCP' is not one of [tcp, tcp4, tcp6, unix]",
                "thin.toml:5:3: SphinxGeometry.PacketLength: expected an integer, got string",
                "thin.toml:26:3: PigeonholeGeometry.NIKEName: expected a string, got integer");
    }

    @Test
    void syntaxErrorCarriesJacksonLocation() {
        assertThatThrownBy(() -> ThinClientConfig.parse("Network = \"tcp\"\nAddress = \n", "t.toml", LoadOptions.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    ConfigProblem p = e.problems().get(0);
                    assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.SYNTAX);
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).startsWith("invalid TOML");
                });
    }

    @Test
    void unreadableFileIsAnIoProblem(@TempDir Path dir) {
        Path f = dir.resolve("absent.toml");
        assertThatThrownBy(() -> ThinClientConfig.load(f))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.IO));
    }
}
