package org.katzen4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class KpclientdTest {
    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = new CommandLine(new Kpclientd()).execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpAndVersion() {
        Run h = run("--help");
        assertThat(h.rc()).isZero();
        assertThat(h.out()).contains("-c, --config=FILE").contains("--check-config=FILE");
        Run v = run("--version");
        assertThat(v.rc()).isZero();
        assertThat(v.out()).contains("kpclientd (katzen4j)").contains("v0.0.71");
    }

    @Test
    void missingOrUnreadableConfigExitsNonZeroWithOneLine() {
        Run none = run();
        assertThat(none.rc()).isEqualTo(2);
        assertThat(none.err().strip()).contains("--config").doesNotContain("\n");
        Run missing = run("-c", dir.resolve("nope.toml").toString());
        assertThat(missing.rc()).isEqualTo(1);
        assertThat(missing.err().strip()).endsWith("no such file").doesNotContain("\n");
    }

    @Test
    void badConfigNamesFileLineAndKey() throws Exception {
        Path f = dir.resolve("client.toml");
        Files.writeString(f, "ListenNetwork = \"tcp\"\nListenAddress = \"127.0.0.1:1\"\nWireKEMScheme = 7\n");
        Run r = run("-c", f.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("kpclientd: bad configuration: " + f).doesNotContain("\n");
        Run check = run("--check-config", f.toString());
        assertThat(check.rc()).isEqualTo(1);
        assertThat(check.out()).contains("error: " + f + ":3:").contains("WireKEMScheme");
    }

    private Path genconfigClientToml(String extra) throws Exception {
        String base;
        try (var in = KpclientdTest.class.getResourceAsStream("/client-local-3hop.toml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path f = dir.resolve("client.toml");
        Files.writeString(f, base + "\n" + extra);
        return f;
    }

    @Test
    void checkConfigReportsTheListenerLimitsAndMetrics() throws Exception {
        Run d = run("--check-config", genconfigClientToml("").toString());
        assertThat(d.rc()).isZero();
        assertThat(d.out()).contains("[Listener] MaxFrameSize = 41943040 (default)")
                .contains("[Listener] MaxApps = 64 (default)")
                .contains("[Listener] MaxPendingRequestsPerApp = 64 (default)")
                .contains("[Listener] MaxChannelsPerApp = 1024 (default)")
                .contains("[Listener] MaxQueuedFramesPerApp = 4096 (default)")
                .contains("[Listener] UnixSocketOwnerOnly = true (default)")
                .contains("[Metrics] disabled");
        Run s = run("--check-config", genconfigClientToml("""
                [Metrics]
                  Enable = true
                [Listener]
                  MaxApps = 3
                  MaxChannelsPerApp = 2
                """).toString());
        assertThat(s.rc()).isZero();
        assertThat(s.out()).contains("[Listener] MaxApps = 3\n").contains("[Listener] MaxChannelsPerApp = 2\n")
                .contains("[Listener] MaxFrameSize = 41943040 (default)")
                .contains("[Metrics] enabled on http://127.0.0.1:9464/metrics");
        Path bad = genconfigClientToml("[Listener]\n  MaxApps = 0\n");
        Run b = run("--check-config", bad.toString());
        assertThat(b.rc()).isEqualTo(1);
        assertThat(b.out()).containsPattern(java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:3: Listener.MaxApps: must be at least 1");
    }

    @Test
    void aNonLoopbackMetricsAddressOnTheCommandLineIsRefused() throws Exception {
        Path f = genconfigClientToml("");
        Run r = run("-c", f.toString(), "--listen-network", "tcp", "--listen-address", "127.0.0.1:0",
                "--metrics-address", "0.0.0.0:0");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("kpclientd: cannot start: metrics:").contains("not a loopback address")
                .doesNotContain("\n");
        assertThat(run("--help").out()).contains("--metrics-address").contains("--metrics-allow-non-loopback");
    }
}
