package org.katzen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code katzen channel} carries messages from one app to another through the reference testnet
 * and OUR daemon ({@code bin/kpclientd}, the daemon jar with the CTIDH library), each command a
 * separate {@code katzen} process with its own thin-client connection, the capabilities passed
 * only as files: {@code new} writes the two capability files, a writer process writes two
 * messages with the write capability file, a reader process (given only the read capability file)
 * reads them in order, and one more read finds the channel empty.
 *
 * <p>Tag {@code interop}. Runs against the network in {@code -Dkatzen4j.testnet.dir} (or
 * {@code $TESTNET_DIR}, else {@code interop/.testnet}); never restarts its nodes. Skipped, with
 * the reason, when no network runs there or the daemon jar / CTIDH library are not built
 * ({@code ./mvnw -pl daemon,pigeonhole package -DskipTests}).
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KatzenChannelOurDaemonInteropTest {
    Path root;
    Path work;
    Path thinToml;
    Path daemonLog;
    Process daemon;

    @BeforeAll
    void startOurDaemon() throws Exception {
        root = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(root.resolve("bin/kpclientd")), "bin/kpclientd not found under " + root);
        assumeTrue(daemonJar() != null, "the daemon jar is not built (./mvnw -pl daemon package -DskipTests)");
        assumeTrue(Files.isRegularFile(root.resolve("pigeonhole/target/native/libk4jctidh1024.so")),
                "the CTIDH native library is not built (./mvnw -pl pigeonhole package -DskipTests)");
        String dirProp = System.getProperty("katzen4j.testnet.dir", System.getenv("TESTNET_DIR"));
        Path net = dirProp != null && !dirProp.isBlank() ? Path.of(dirProp) : root.resolve("interop/.testnet");
        Path clientToml = net.resolve("net/client2/client.toml");
        Path refThin = net.resolve("net/client2/thinclient.toml");
        assumeTrue(Files.isRegularFile(clientToml) && Files.isRegularFile(refThin), "no reference testnet in " + net);
        String epoch = "2m";
        Path env = net.resolve("testnet.env");
        if (Files.isRegularFile(env)) {
            for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
                if (line.startsWith("EPOCH=")) {
                    epoch = line.substring("EPOCH=".length()).trim();
                }
            }
        }
        work = Files.createTempDirectory("katzen-channel");
        daemonLog = work.resolve("kpclientd.log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/kpclientd").toString(), "-c", clientToml.toString(),
                "--listen-network", "tcp", "--listen-address", "127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(daemonLog.toFile());
        pb.environment().put("KATZENPOST_EPOCH_DURATION", epoch);
        // a private copy: other builds may rewrite daemon/target while this daemon runs
        Path jar = Files.copy(daemonJar(), work.resolve("kpclientd.jar"));
        pb.environment().put("KPCLIENTD_JAR", jar.toString());
        pb.environment().put("JAVA_OPTS", "-Xmx512m");
        daemon = pb.start();
        thinToml = work.resolve("thinclient.toml");
        Files.writeString(thinToml, Files.readString(refThin, StandardCharsets.UTF_8)
                .replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$", "$1\"127.0.0.1:" + port + "\""));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean listening = false;
        while (!listening && System.nanoTime() < deadline && daemon.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                listening = true;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        assertThat(listening).as("our kpclientd listens on %d (log: %s)", port, daemonLog).isTrue();
    }

    private Path daemonJar() throws IOException {
        Path target = root.resolve("daemon/target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, "katzen4j-daemon-*-all.jar")) {
            for (Path p : ds) {
                return p;
            }
        }
        return null;
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (daemonLog != null && Files.isRegularFile(daemonLog)) {
            List<String> lines = Files.readAllLines(daemonLog, StandardCharsets.UTF_8);
            System.out.println("--- last lines of our kpclientd's log ---");
            lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(System.out::println);
        }
    }

    record Run(int exit, String out) {
    }

    /** One {@code katzen} process: the cli's main on this test's class path, its own thin-client connection. */
    private Run katzen(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.katzen4j.cli.Katzen");
        cmd.add("-c");
        cmd.add(thinToml.toString());
        cmd.add("--dial-timeout");
        cmd.add("180s");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "katzen", ".out");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        System.out.printf("katzen %s -> %s in %d ms%n%s", String.join(" ", args), done ? "exit " + p.exitValue()
                : "KILLED after 8 min", (System.nanoTime() - t0) / 1_000_000, text);
        assertThat(done).as("katzen %s finished", String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), text);
    }

    @Test
    void aMessageTravelsFromOneKatzenProcessToAnotherThroughOurDaemonWithCapabilityFiles() throws Exception {
        assertThat(daemon.isAlive()).as("our kpclientd runs (log: %s)", daemonLog).isTrue();
        Path writeCap = work.resolve("alice.wcap");
        Path readCap = work.resolve("bob.rcap");
        String m1 = "katzen channel one " + System.nanoTime();
        String m2 = "katzen channel two " + System.nanoTime();

        Run created = katzen("channel", "new", writeCap.toString(), readCap.toString());
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(Files.readString(writeCap)).contains("kind = write");
        assertThat(Files.readString(readCap)).contains("kind = read").doesNotContain("kind = write");

        Run w1 = katzen("channel", "write", writeCap.toString(), m1);
        assertThat(w1.exit()).as(w1.out()).isZero();
        Run w2 = katzen("channel", "write", writeCap.toString(), m2);
        assertThat(w2.exit()).as(w2.out()).isZero();
        assertThat(Files.readString(writeCap)).as("no write left pending").doesNotContain("pending");

        // the reader knows only the read capability file
        Run r1 = katzen("channel", "read", readCap.toString(), "--interval", "1s");
        assertThat(r1.exit()).as(r1.out()).isZero();
        assertThat(r1.out()).contains(m1).doesNotContain(m2);
        Run r2 = katzen("channel", "read", readCap.toString(), "--interval", "1s");
        assertThat(r2.exit()).as(r2.out()).isZero();
        assertThat(r2.out()).contains(m2).doesNotContain(m1);
        Run r3 = katzen("channel", "read", readCap.toString(), "--tries", "3", "--interval", "1s");
        assertThat(r3.exit()).as("nothing after the two messages: " + r3.out()).isEqualTo(1);
        assertThat(r3.out()).contains("still empty");
    }
}
