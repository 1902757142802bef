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

/** The picocli-free parse of a plain daemon start agrees with picocli and declines everything else. */
class KpclientdPlainRunTest {

    private static Kpclientd picocli(String... args) {
        Kpclientd k = new Kpclientd();
        new CommandLine(k).parseArgs(args);
        return k;
    }

    private static void assertSameAsPicocli(String... args) {
        Kpclientd plain = Kpclientd.plainRun(args);
        assertThat(plain).as("plain parse of %s", String.join(" ", args)).isNotNull();
        Kpclientd p = picocli(args);
        assertThat(plain.config).isEqualTo(p.config);
        assertThat(plain.checkConfig).isEqualTo(p.checkConfig).isNull();
        assertThat(plain.strict).isEqualTo(p.strict);
        assertThat(plain.showConsensus).isEqualTo(p.showConsensus).isFalse();
        assertThat(plain.channelOwnership).isEqualTo(p.channelOwnership);
        assertThat(plain.listenNetwork).isEqualTo(p.listenNetwork);
        assertThat(plain.listenAddress).isEqualTo(p.listenAddress);
        assertThat(plain.metricsAddress).isEqualTo(p.metricsAddress);
        assertThat(plain.metricsAllowNonLoopback).isEqualTo(p.metricsAllowNonLoopback);
    }

    @Test
    void plainStartsParseLikePicocli() {
        assertSameAsPicocli("-c", "client.toml");
        assertSameAsPicocli("--config", "/etc/katzenpost/client.toml");
        assertSameAsPicocli("--config=client.toml");
        assertSameAsPicocli("-c", "client.toml", "--strict", "--channel-ownership");
        assertSameAsPicocli("--listen-network", "unix", "--listen-address=/tmp/k.sock", "-c", "c.toml");
        assertSameAsPicocli("-c", "c.toml", "--metrics-address", "127.0.0.1:9464", "--metrics-allow-non-loopback");
        assertSameAsPicocli("--listen-address", "127.0.0.1:64331", "--config", "c.toml");
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] declined = {
            {}, {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"--check-config", "c.toml"},
            {"-c", "c.toml", "--show-consensus"}, {"-c"}, {"-c", "--strict"}, {"-cclient.toml"},
            {"-c", "a.toml", "--config", "b.toml"}, {"-c", "c.toml", "--strict", "--strict"},
            {"--strict"}, {"-c", "c.toml", "--bogus"}, {"-c", "c.toml", "extra"}, {"--strict=true", "-c", "c.toml"},
            {"--config="}, {"-c", "c.toml", "--listen-address"},
        };
        for (String[] a : declined) {
            assertThat(Kpclientd.plainRun(a)).as("%s", String.join(" ", a)).isNull();
        }
    }

    @Test
    void aPlainStartWithAMissingConfigFailsLikeBefore(@TempDir Path dir) {
        Path missing = dir.resolve("missing.toml");
        assertThat(Files.exists(missing)).isFalse();
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = Kpclientd.plainRun(new String[] {"-c", missing.toString()}).callReportingFailure();
            assertThat(rc).isEqualTo(1);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(missing + ": no such file");
    }
}
