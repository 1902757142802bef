package org.katzen4j.interop.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.interop.testnet.ReferenceTestnetExtension;

/**
 * The fault tests' own reference network: {@code interop/testnet} in the directory given by
 * {@code -Dkatzen4j.testnet.dir} on {@code -Dkatzen4j.testnet.port}. These tests kill, restart and
 * recreate nodes, so they run only with {@code -Dkatzen4j.faults=true} (the {@code faults} Maven
 * profile sets it), only when a network directory other than the shared default
 * {@code interop/.testnet} is named, and only with Go.
 *
 * <p>They may share one network with the ordinary interop suite (CI runs them on its own network
 * after that suite). With the profile they run in the order of their {@code @Order} values,
 * least disruptive first; fault classes without an {@code @Order} (the default value) run after
 * {@link #FIRST} and before {@link #REPLICA_DOWN}.
 */
final class FaultNet {
    static final Duration EPOCH = Duration.ofMinutes(2);

    /** Only our daemon and its apps are disturbed. */
    static final int FIRST = Order.DEFAULT - 100;
    /** Kills a replica (restarted when the test ends). */
    static final int REPLICA_DOWN = Order.DEFAULT + 100;
    /** Kills the gateway: the network is unusable for 3–5 minutes afterwards. */
    static final int GATEWAY_RESTART = Order.DEFAULT + 200;
    /** Brings the whole network down and up again (or takes one just started): always last. */
    static final int WHOLE_NETWORK = Order.DEFAULT + 300;

    final Path interop;
    final Path dir;
    final int port;

    private FaultNet(Path interop, Path dir, int port) {
        this.interop = interop;
        this.dir = dir;
        this.port = port;
    }

    /** The configured network, or the test is skipped with the reason. */
    static FaultNet configuredOrSkip() {
        assumeTrue(Boolean.getBoolean("katzen4j.faults"),
                "fault tests kill and restart nodes: run with -Dkatzen4j.faults=true");
        String d = System.getProperty("katzen4j.testnet.dir");
        assumeTrue(d != null && !Path.of(d).normalize().endsWith(".testnet"),
                "fault tests need their own network: set -Dkatzen4j.testnet.dir (not the shared interop/.testnet)");
        assumeTrue(ReferenceTestnetExtension.onPath("go") && ReferenceTestnetExtension.onPath("setsid")
                && ReferenceTestnetExtension.onPath("timeout"),
                "Go, setsid and timeout are needed to run the reference network with interop/testnet");
        Path interop = ReferenceTestnetExtension.interopDir().orElse(null);
        assumeTrue(interop != null, "interop/ (with the testnet script) not found; set -Dkatzen4j.interop.dir");
        return new FaultNet(interop, Path.of(d).toAbsolutePath(), Integer.getInteger("katzen4j.testnet.port", 30000));
    }

    Path clientToml() {
        return dir.resolve("net/client2/client.toml");
    }

    Path thinClientToml() {
        return dir.resolve("net/client2/thinclient.toml");
    }

    /** Runs {@code interop/testnet ARGS} for this network; exit status and output. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", interop.resolve("testnet").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TESTNET_DIR", dir.toString());
        pb.environment().put("TESTNET_PORT", Integer.toString(port));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // process gone
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            pump.join(2000);
            return new Result(124, out.toString(StandardCharsets.UTF_8) + "\n(timed out after " + timeout + ")");
        }
        pump.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }

    boolean running() {
        Path pids = dir.resolve("pids");
        if (!Files.isRegularFile(pids)) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(pids)) {
                String[] f = line.strip().split("\\s+");
                if (!f[0].isEmpty() && ProcessHandle.of(Long.parseLong(f[0])).map(ProcessHandle::isAlive).orElse(false)) {
                    return true;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /**
     * True when this network runs and none of its directory authorities has made a consensus yet
     * (each logs every consensus it makes), i.e. it was started moments ago.
     */
    boolean runningWithoutAnyConsensus() throws IOException {
        if (!running()) {
            return false;
        }
        Path netDir = dir.resolve("net");
        int authorities = 0;
        try (var nodes = Files.list(netDir)) {
            for (Path n : nodes.filter(p -> p.getFileName().toString().matches("auth[0-9]+")).toList()) {
                authorities++;
                Path log = n.resolve("katzenpost.log");
                if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.ISO_8859_1)
                        .contains("Consensus made for epoch")) {
                    return false;
                }
            }
        }
        return authorities > 0;
    }

    /** Brings this network up if it is not running, then waits for a complete current consensus. */
    void ensureUpWithConsensus() throws IOException, InterruptedException {
        if (!running()) {
            Result up = run(Duration.ofMinutes(5), "up");
            if (up.exitCode() != 0) {
                throw new IOException("interop/testnet up failed:\n" + up.output());
            }
        }
        Result w = run(Duration.ofMinutes(12), "wait", "660");
        if (w.exitCode() != 0) {
            throw new IOException("no complete consensus:\n" + w.output());
        }
    }

    /** Waits until the daemon has a gateway session and a document. */
    static void awaitReady(DaemonAssembly d, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((!d.connected() || d.document().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        if (!d.connected() || d.document().isEmpty()) {
            throw new AssertionError("daemon not ready within " + timeout);
        }
    }

    /** Our daemon for this network on an ephemeral loopback port. */
    DaemonAssembly.Options daemonOptions() {
        return DaemonAssembly.Options.defaults().withListen("tcp", "127.0.0.1:0").withEpochTime(new EpochTime(EPOCH));
    }

    ClientConfig clientConfig() throws Exception {
        return ClientConfig.load(clientToml());
    }

    /** A thinclient.toml pointing at {@code address}. */
    Path thinTomlFor(String address) throws IOException {
        Path t = Files.createTempFile("k4j-faults", ".toml");
        Files.writeString(t, Files.readString(thinClientToml())
                .replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$", "$1\"" + address + "\""));
        return t;
    }

    /** Appends one result row to {@code interop/target/faults-results.tsv}. */
    void record(String scenario, int sent, int delivered, int duplicated, String note) throws IOException {
        Path f = interop.resolve("target/faults-results.tsv");
        Files.createDirectories(f.getParent());
        String line = Instant.now() + "\t" + scenario + "\t" + sent + "\t" + delivered + "\t" + duplicated + "\t" + note + "\n";
        Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print("FAULT RESULT " + line);
    }
}
