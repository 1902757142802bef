package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The katzen4j sections {@code [Metrics]} and {@code [Listener]} of client.toml: values, defaults, errors with positions. */
class ExtensionSectionsTest {

    private static String base;

    @BeforeAll
    static void readBase() throws Exception {
        base = Files.readString(Resources.genconfig("local-3hop", "client.toml"));
    }

    private static ConfigReport<ClientConfig> withAppended(LoadOptions o, String extra) {
        return ClientConfig.check(base + "\n" + extra, "client.toml", o);
    }

    private static int baseLines() {
        return (int) base.lines().count() + 2; // the line of the appended section header
    }

    private static List<String> messages(List<ConfigProblem> ps) {
        return ps.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void absentSectionsMeanMetricsOffAndDefaultLimits() throws Exception {
        ClientConfig c = withAppended(LoadOptions.STRICT, "").orThrow();
        assertThat(c.metrics()).isEqualTo(ClientConfig.Metrics.DISABLED);
        assertThat(c.metrics().enable()).isFalse();
        assertThat(c.listenerLimits()).isEqualTo(ClientConfig.ListenerLimits.DEFAULTS);
    }

    @Test
    void valuesAreReadAndTheSectionsAreKnownKeysEvenInStrictMode() throws Exception {
        ConfigReport<ClientConfig> r = withAppended(LoadOptions.STRICT, """
                [Metrics]
                  Enable = true
                  Address = "[::1]:9555"
                [listener]
                  MaxFrameSize = 1048576
                  maxApps = 8
                  MaxPendingRequestsPerApp = 16
                  MaxChannelsPerApp = 32
                  MaxQueuedFramesPerApp = 512
                  UnixSocketOwnerOnly = true
                """);
        assertThat(messages(r.errors())).isEmpty();
        assertThat(messages(r.warnings())).isEmpty();
        ClientConfig c = r.orThrow();
        assertThat(c.metrics()).isEqualTo(new ClientConfig.Metrics(true, "[::1]:9555", false));
        ClientConfig.ListenerLimits l = c.listenerLimits();
        assertThat(l.maxFrameSize()).contains(1048576);
        assertThat(l.maxApps()).contains(8);
        assertThat(l.maxPendingRequestsPerApp()).contains(16);
        assertThat(l.maxChannelsPerApp()).contains(32);
        assertThat(l.maxQueuedFramesPerApp()).contains(512);
        assertThat(l.unixSocketOwnerOnly()).contains(true);
    }

    @Test
    void aNonLoopbackMetricsAddressIsAnErrorUnlessExplicitlyAllowed() throws Exception {
        int line = baseLines() + 2;
        ConfigReport<ClientConfig> r = withAppended(LoadOptions.DEFAULT, """
                [Metrics]
                  Enable = true
                  Address = "0.0.0.0:9464"
                """);
        assertThat(messages(r.errors())).singleElement().asString()
                .startsWith("client.toml:" + line + ":3: Metrics.Address: '0.0.0.0:9464' is not a loopback address");
        r = withAppended(LoadOptions.DEFAULT, """
                [Metrics]
                  Enable = true
                  Address = "192.0.2.7:9464"
                  AllowNonLoopback = true
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(messages(r.warnings())).singleElement().asString()
                .startsWith("client.toml:" + line + ":3: Metrics.Address: '192.0.2.7:9464' is not a loopback address");
        assertThat(r.orThrow().metrics().allowNonLoopback()).isTrue();
        assertThat(withAppended(LoadOptions.DEFAULT, "[Metrics]\nAddress = \"localhost:0\"\n").orThrow().metrics())
                .isEqualTo(new ClientConfig.Metrics(false, "localhost:0", false));
    }

    @Test
    void badMetricsValuesNameLineAndKey() {
        int line = baseLines() + 1;
        for (String[] c : new String[][] {
            {"\"127.0.0.1\"", "is not host:port"},
            {"\"127.0.0.1:70000\"", "port must be 0 to 65535"},
            {"\"example.org:9464\"", "host must be an IP address or localhost"},
            {"\"::1:9464\"", "needs brackets"},
            {"9464", "expected a string, got integer"},
        }) {
            ConfigReport<ClientConfig> r = withAppended(LoadOptions.DEFAULT, "[Metrics]\n  Address = " + c[0] + "\n");
            assertThat(messages(r.errors())).as(c[0]).singleElement().asString()
                    .startsWith("client.toml:" + line + ":3: Metrics.Address: ").contains(c[1]);
        }
        ConfigReport<ClientConfig> r = withAppended(LoadOptions.DEFAULT, "[Metrics]\n  Enable = \"yes\"\n");
        assertThat(messages(r.errors())).containsExactly(
                "client.toml:" + line + ":3: Metrics.Enable: expected a boolean, got string");
    }

    @Test
    void badLimitsNameLineAndKey() {
        int line = baseLines() + 1;
        String[][] cases = {
            {"MaxFrameSize = 100", "Listener.MaxFrameSize: must be at least 1024, got 100"},
            {"MaxApps = 0", "Listener.MaxApps: must be at least 1, got 0"},
            {"MaxPendingRequestsPerApp = -3", "Listener.MaxPendingRequestsPerApp: must be at least 1, got -3"},
            {"MaxChannelsPerApp = 70000", "Listener.MaxChannelsPerApp: must be at most 65535 (channel ids are 16-bit)"},
            {"MaxQueuedFramesPerApp = 0", "Listener.MaxQueuedFramesPerApp: must be at least 1, got 0"},
            {"MaxApps = 9999999999", "Listener.MaxApps: integer 9999999999 is out of range"},
            {"UnixSocketOwnerOnly = 1", "Listener.UnixSocketOwnerOnly: expected a boolean, got integer"},
        };
        for (String[] c : cases) {
            ConfigReport<ClientConfig> r = withAppended(LoadOptions.DEFAULT, "[Listener]\n  " + c[0] + "\n");
            assertThat(messages(r.errors())).as(c[0]).containsExactly("client.toml:" + line + ":3: " + c[1]);
        }
    }

    @Test
    void riskySettingsAreWarnings() throws Exception {
        int line = baseLines() + 1;
        ConfigReport<ClientConfig> r = withAppended(LoadOptions.DEFAULT,
                "[Listener]\n  MaxFrameSize = 2048\n  UnixSocketOwnerOnly = false\n");
        assertThat(r.errors()).isEmpty();
        assertThat(messages(r.warnings())).hasSize(2);
        assertThat(messages(r.warnings()).get(0)).startsWith("client.toml:" + line + ":3: Listener.MaxFrameSize: 2048 bytes");
        assertThat(messages(r.warnings()).get(1)).startsWith("client.toml:" + (line + 1) + ":3: Listener.UnixSocketOwnerOnly");
        assertThat(r.orThrow().listenerLimits().unixSocketOwnerOnly()).isEqualTo(Optional.of(false));
    }

    @Test
    void unknownKeysInTheSectionsAreWarningsOrStrictErrors() {
        int line = baseLines() + 1;
        String extra = "[Listener]\n  MaxAppz = 3\n";
        assertThat(messages(withAppended(LoadOptions.DEFAULT, extra).warnings())).singleElement().asString()
                .startsWith("client.toml:" + line + ":3: Listener.MaxAppz");
        assertThat(messages(withAppended(LoadOptions.STRICT, extra).errors())).singleElement().asString()
                .startsWith("client.toml:" + line + ":3: Listener.MaxAppz");
    }
}
