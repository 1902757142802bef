package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;

/** client.toml files written by the reference genconfig load unchanged and with the right values. */
class ClientConfigTest {

    private static String keyFile(String name) throws Exception {
        return Files.readString(Resources.genconfig("local-3hop", "keys/" + name));
    }

    @Test
    void localTestnetConfigHasEveryValue() throws Exception {
        ClientConfig c = ClientConfig.load(Resources.genconfig("local-3hop", "client.toml"), LoadOptions.STRICT);
        assertThat(c.listenNetwork()).isEqualTo("tcp");
        assertThat(c.listenAddress()).isEqualTo("localhost:64331");
        assertThat(c.pkiSignatureScheme()).isEqualTo("Ed25519");
        assertThat(c.wireKemScheme()).isEqualTo("xwing");
        assertThat(c.sphinxGeometry()).isEqualTo(Geometry.nike("x25519", 2000, 3));
        assertThat(c.pigeonholeGeometry()).isEqualTo(
                new PigeonholeGeometry(1553, 359, 2000, 1698, 50, "CTIDH1024-X25519", "Ed25519"));
        assertThat(c.logging()).isEqualTo(new ClientConfig.Logging(false, "", "DEBUG"));
        assertThat(c.upstreamProxy()).isEqualTo(new ClientConfig.UpstreamProxy("none", "", "", "", ""));
        assertThat(c.upstreamProxy().isNone()).isTrue();
        // genconfig writes zeros; the reference's fix-up turns them into 30 / 30 / 10.
        assertThat(c.debug()).isEqualTo(new ClientConfig.Debug(true, 30, 30, 10, false));
        assertThat(c.cachedDocument()).isEmpty();
        assertThat(c.preferedTransports()).isEmpty();
        assertThat(c.transports()).containsExactly("tcp", "tcp4", "tcp6", "quic", "ws", "onion");

        assertThat(c.pinnedGateways()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("gateway1");
            assertThat(g.pkiSignatureScheme()).isEqualTo("Ed25519");
            assertThat(g.wireKemScheme()).isEqualTo("xwing");
            assertThat(g.addresses()).containsExactly("tcp://127.0.0.1:30004");
            assertThat(g.identityKeyPem()).isEqualTo(keyFile("gateway1.identity.public.pem"));
            assertThat(g.linkKeyPem()).isEqualTo(keyFile("gateway1.link.public.pem"));
            assertThat(g.identityKey()).hasSize(32).isEqualTo(pemBody(keyFile("gateway1.identity.public.pem")));
            assertThat(g.linkKey()).hasSize(1216).isEqualTo(pemBody(keyFile("gateway1.link.public.pem")));
        });

        assertThat(c.votingAuthorities()).extracting(ClientConfig.Authority::identifier)
                .containsExactly("auth1", "auth2", "auth3");
        assertThat(c.authorityThreshold()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            ClientConfig.Authority a = c.votingAuthorities().get(i);
            String n = "auth" + (i + 1);
            assertThat(a.pkiSignatureScheme()).isEqualTo("Ed25519");
            assertThat(a.wireKemScheme()).isEqualTo("xwing");
            assertThat(a.addresses()).containsExactly("tcp://127.0.0.1:" + (30001 + i));
            assertThat(a.identityPublicKeyPem()).isEqualTo(keyFile(n + ".identity.public.pem"));
            assertThat(a.linkPublicKeyPem()).isEqualTo(keyFile(n + ".link.public.pem"));
            assertThat(a.identityPublicKey()).isEqualTo(pemBody(keyFile(n + ".identity.public.pem")));
            assertThat(a.linkPublicKey()).hasSize(1216).isEqualTo(pemBody(keyFile(n + ".link.public.pem")));
        }
    }

    private static byte[] pemBody(String pem) {
        String[] lines = pem.strip().split("\n");
        StringBuilder b64 = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            b64.append(lines[i].strip());
        }
        return Base64.getDecoder().decode(b64.toString());
    }

    @Test
    void dockerLikeConfig() throws Exception {
        ClientConfig c = ClientConfig.load(Resources.genconfig("docker-5hop", "client.toml"), LoadOptions.STRICT);
        assertThat(c.sphinxGeometry().nrHops()).isEqualTo(5);
        assertThat(c.sphinxGeometry().packetLength()).isEqualTo(3082);
        assertThat(c.logging().level()).isEqualTo("DEBUG"); // client2 logs are always DEBUG in genconfig
        assertThat(c.debug().disableDecoyTraffic()).isTrue(); // --noDecoy defaults to true
        assertThat(c.pinnedGateways()).singleElement()
                .satisfies(g -> assertThat(g.addresses()).containsExactly("tcp://127.0.0.1:30004"));
        assertThat(c.votingAuthorities()).hasSize(3);
    }

    @Test
    void kemSphinxWithTwoGateways() throws Exception {
        ClientConfig c = ClientConfig.load(Resources.genconfig("kem-xwing-2gw", "client.toml"), LoadOptions.STRICT);
        assertThat(c.sphinxGeometry()).isEqualTo(Geometry.kem("XWING", 1000, 4));
        assertThat(c.pinnedGateways()).extracting(ClientConfig.Gateway::name).containsExactly("gateway1", "gateway2");
        assertThat(c.pinnedGateways()).extracting(g -> g.addresses().get(0))
                .containsExactly("tcp://127.0.0.1:31004", "tcp://127.0.0.1:31007");
    }

    @Test
    void hybridWireKemAndDecoysOn() throws Exception {
        ClientConfig c = ClientConfig.load(Resources.genconfig("mlkem-x448-decoys", "client.toml"), LoadOptions.STRICT);
        assertThat(c.wireKemScheme()).isEqualTo("MLKEM768-X25519");
        assertThat(c.debug().disableDecoyTraffic()).isFalse();
        assertThat(c.sphinxGeometry()).isEqualTo(Geometry.nike("x448", 3000, 3));
        assertThat(c.votingAuthorities()).hasSize(2);
        assertThat(c.authorityThreshold()).isEqualTo(2);
        assertThat(c.votingAuthorities()).allSatisfy(a -> {
            assertThat(a.linkPublicKeyPem()).startsWith("-----BEGIN MLKEM768-X25519 PUBLIC KEY-----\n");
            assertThat(a.linkPublicKey()).hasSize(1216);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local-3hop", "docker-5hop", "kem-xwing-2gw", "mlkem-x448-decoys"})
    void everyVariantLoadsStrictlyWithoutWarningsAndMatchesItsThinClientFile(String variant) throws Exception {
        ConfigReport<ClientConfig> r = ClientConfig.check(Resources.genconfig(variant, "client.toml"), LoadOptions.STRICT);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        ThinClientConfig thin = ThinClientConfig.load(Resources.genconfig(variant, "thinclient.toml"), LoadOptions.STRICT);
        assertThat(ThinClientConfig.fromClientConfig(r.config().orElseThrow())).isEqualTo(thin);
    }

    @Test
    void proxyPasswordIsNotPrinted() {
        var p = new ClientConfig.UpstreamProxy("socks5", "tcp", "127.0.0.1:9050", "alice", "hunter2");
        assertThat(p.toString()).doesNotContain("hunter2").doesNotContain("alice");
        assertThat(List.of(p).toString()).contains("127.0.0.1:9050");
    }
}
