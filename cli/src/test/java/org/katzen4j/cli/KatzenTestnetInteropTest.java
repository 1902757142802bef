package org.katzen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ThinClientConfig;

import picocli.CommandLine;

/**
 * {@code katzen ping} and {@code katzen pki} against the reference Go kpclientd of the running
 * reference testnet ({@code interop/testnet up}). Tag {@code interop}: run with
 * {@code ./mvnw -pl cli test -Dsurefire.excludedGroups= -Dgroups=interop}. Skipped, with the
 * reason, when Go is not installed or no testnet daemon answers.
 */
@Tag("interop")
class KatzenTestnetInteropTest {
    static Path toml;

    /** Per test (not @BeforeAll) so that surefire reports each test as skipped, with the reason. */
    @BeforeEach
    void findTestnet() throws Exception {
        assumeTrue(onPath("go"), "Go is not installed: the reference testnet cannot run here");
        String env = System.getenv("KATZEN4J_THINCLIENT_TOML");
        toml = env != null && !env.isBlank() ? Path.of(env)
                : Path.of("..", "interop", ".testnet", "net", "client2", "thinclient.toml").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(toml), "no reference testnet at " + toml + " (run interop/testnet up)");
        ThinClientConfig cfg = ThinClientConfig.load(toml);
        assumeTrue(cfg.network().startsWith("tcp"), "only a TCP testnet daemon is probed");
        String host = cfg.address().substring(0, cfg.address().lastIndexOf(':'));
        int port = Integer.parseInt(cfg.address().substring(cfg.address().lastIndexOf(':') + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
        } catch (Exception e) {
            assumeTrue(false, "the testnet's kpclientd does not answer at " + cfg.address() + " (interop/testnet status): "
                    + e.getMessage());
        }
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/local/go/bin", exe));
    }

    static String[] run(String... args) {
        CommandLine cl = Katzen.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        System.out.println("katzen " + String.join(" ", args) + " -> exit " + exit + "\n" + out + err);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void pkiShowsTheTestnetTopology() {
        String[] r = run("-c", toml.toString(), "--dial-timeout", "60s", "pki");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("epoch \\d+ \\(genesis \\d+\\)").contains("gateway1", "layer 0", "mix1",
                "servicenode1", "service echo -> endpoint", "service courier -> endpoint", "replica1");
    }

    @Test
    void pingGetsRoundTripsThroughTheReferenceDaemon() throws InterruptedException {
        String[] r = run("-c", toml.toString(), "--dial-timeout", "60s", "-t", "90s", "ping", "-n", "3", "-C", "3");
        if (!r[0].equals("0")) {
            // the shared testnet's gateway is sometimes restarted by other tests: one more run after it is back
            Thread.sleep(20_000);
            r = run("-c", toml.toString(), "--dial-timeout", "60s", "-t", "90s", "ping", "-n", "3", "-C", "3");
        }
        assertThat(r[1]).contains("Sending 3 Sphinx packets to echo@servicenode1", "3 sent")
                .containsPattern("round-trip min/avg/max/stddev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms")
                .containsPattern("Success rate is \\d+ percent \\([1-3]/3\\)");
        assertThat(r[0]).isEqualTo("0");
    }
}
