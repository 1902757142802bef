package org.katzen4j.interop.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.katzen4j.interop.channel.ChannelSteps.STEP;
import static org.katzen4j.interop.channel.ChannelSteps.readNothing;
import static org.katzen4j.interop.channel.ChannelSteps.sendRead;
import static org.katzen4j.interop.channel.ChannelSteps.sendWrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * Crash recovery with a real crash: our kpclientd runs as its own OS process (the daemon's
 * command line, {@code org.katzen4j.daemon.Kpclientd -c client.toml}, on the test class path),
 * and is killed with SIGKILL between preparing a query and sending it. Everything the apps know
 * afterwards comes from the files they persisted before the kill (the fields the integration
 * guide names for resumption types 5 and 6); a fresh daemon process is started and the apps
 * resume from those files. The message reaches the reader exactly once: a repeated read of its
 * box returns the same message and the following box stays empty.
 */
@Tag("interop")
@ReferenceTestnet
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonSigkillResumptionTest {
    private static final HexFormat HEX = HexFormat.of();

    ReferenceNetwork net;
    Path work;
    Path thinToml;
    Path daemonLog;
    String ctidhLib;
    Process daemon;
    int starts;

    @BeforeAll
    void setUp(ReferenceNetwork network) throws Exception {
        this.net = network;
        ctidhLib = System.getProperty("katzen4j.ctidh.lib", System.getenv("KATZEN4J_CTIDH_LIB"));
        if (ctidhLib == null) {
            for (Path p : new Path[] {Path.of("../pigeonhole/target/native/libk4jctidh1024.so"),
                    Path.of("pigeonhole/target/native/libk4jctidh1024.so")}) {
                if (Files.isRegularFile(p)) {
                    ctidhLib = p.toAbsolutePath().normalize().toString();
                    break;
                }
            }
        }
        assumeTrue(ctidhLib != null && Files.isRegularFile(Path.of(ctidhLib)),
                "the CTIDH native library is not built (pigeonhole/target/native/libk4jctidh1024.so); our daemon"
                        + " would answer channel requests with error 10");
        work = Files.createTempDirectory("k4j-sigkill");
        thinToml = work.resolve("thinclient.toml");
        daemonLog = work.resolve("kpclientd.log");
    }

    @AfterAll
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (daemonLog != null && Files.isRegularFile(daemonLog)) {
            List<String> lines = Files.readAllLines(daemonLog, StandardCharsets.UTF_8);
            System.out.println("--- last lines of our daemons' log " + daemonLog + " ---");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String classPath;

    /**
     * This test's class path with every jar copied once into the work directory: other builds
     * on the machine may rewrite the jars in ~/.m2 while a daemon process reads them.
     */
    private String daemonClassPath() throws IOException {
        if (classPath == null) {
            Path lib = Files.createDirectories(work.resolve("lib"));
            List<String> out = new ArrayList<>();
            int n = 0;
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(e);
                if (Files.isRegularFile(p) && e.endsWith(".jar")) {
                    Path copy = lib.resolve((n++) + "-" + p.getFileName());
                    Files.copy(p, copy);
                    out.add(copy.toString());
                } else {
                    out.add(e);
                }
            }
            classPath = String.join(java.io.File.pathSeparator, out);
        }
        return classPath;
    }

    /** Starts kpclientd as a separate JVM on a fresh port and points thinclient.toml at it. */
    private void startDaemon() throws Exception {
        int port = freePort();
        starts++;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Dkatzen4j.ctidh.lib=" + ctidhLib);
        cmd.add("-cp");
        cmd.add(daemonClassPath());
        cmd.add("org.katzen4j.daemon.Kpclientd");
        cmd.add("-c");
        cmd.add(net.clientToml().toAbsolutePath().toString());
        cmd.add("--listen-network");
        cmd.add("tcp");
        cmd.add("--listen-address");
        cmd.add("127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(daemonLog.toFile()));
        // every process of the network must agree on the epoch period
        pb.environment().put("KATZENPOST_EPOCH_DURATION", net.epochPeriod().toSeconds() + "s");
        Files.writeString(daemonLog, "=== kpclientd start " + starts + " on port " + port + " ===\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        daemon = pb.start();
        String toml = Files.readString(net.thinClientToml(), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$", "$1\"127.0.0.1:" + port + "\"");
        Files.writeString(thinToml, toml);
        System.out.printf("kpclientd process %d started (start %d, port %d)%n", daemon.pid(), starts, port);
    }

    /** SIGKILL (no shutdown hook, nothing flushed): the JVM's exit status is 128 + 9. */
    private void kill9() throws Exception {
        long pid = daemon.pid();
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("kpclientd %d died", pid).isTrue();
        assertThat(daemon.exitValue()).as("kpclientd %d was killed by SIGKILL", pid).isEqualTo(128 + 9);
        System.out.printf("kpclientd process %d killed with SIGKILL%n", pid);
    }

    /** A thin client of the current daemon process, once it is connected and has a PKI document. */
    private ThinClient client() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        ThinClientException last = null;
        while (System.nanoTime() < deadline) {
            assertThat(daemon.isAlive()).as("kpclientd is running (log: %s)", daemonLog).isTrue();
            ThinClient c;
            try {
                c = ThinClient.dial(thinToml);
            } catch (ThinClientException e) { // the listener is not bound yet
                last = e;
                Thread.sleep(500);
                continue;
            }
            while ((!c.isConnected() || c.pkiDocument().isEmpty()) && System.nanoTime() < deadline
                    && !c.halted().isDone()) {
                Thread.sleep(200);
            }
            if (c.isConnected() && c.pkiDocument().isPresent()) {
                return c;
            }
            c.close();
        }
        throw new AssertionError("our kpclientd did not become usable within 3 minutes (log: " + daemonLog + ")",
                last);
    }

    private static void persist(Path file, Properties p) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "what the app persists to resume its channel");
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static byte[] hex(Properties p, String key) {
        String v = p.getProperty(key);
        assertThat(v).as("persisted %s", key).isNotNull();
        return HEX.parseHex(v);
    }

    @Test
    void queriesPreparedBeforeASigkillAreResumedByANewDaemonProcessAndDeliveredExactlyOnce() throws Exception {
        String message = "katzen4j survives SIGKILL " + System.nanoTime();
        Path aliceState = work.resolve("alice.properties");
        Path bobState = work.resolve("bob.properties");

        // 1. Alice creates a write channel and prepares a write; she persists the capabilities and
        // the whole write_channel reply (guide, type 5), then the daemon dies before she sends it.
        startDaemon();
        try (ThinClient alice = client()) {
            ThinResponse.CreateWriteChannelReply w = ThinClient.await(alice.createWriteChannel(), STEP);
            assertThat(w.errorCode()).isZero();
            long t0 = System.nanoTime();
            ThinResponse.WriteChannelReply prepared = ThinClient.await(alice.writeChannel(w.channelId(),
                    message.getBytes(StandardCharsets.UTF_8)), STEP);
            System.out.printf("write_channel prepared in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Properties p = new Properties();
            p.setProperty("write_cap", HEX.formatHex(w.writeCap().toByteArray()));
            p.setProperty("read_cap", HEX.formatHex(w.readCap().toByteArray()));
            p.setProperty("send_message_payload", HEX.formatHex(prepared.sendMessagePayload().toByteArray()));
            p.setProperty("current_message_index", HEX.formatHex(prepared.currentMessageIndex().toByteArray()));
            p.setProperty("next_message_index", HEX.formatHex(prepared.nextMessageIndex().toByteArray()));
            p.setProperty("envelope_descriptor", HEX.formatHex(prepared.envelopeDescriptor().toByteArray()));
            p.setProperty("envelope_hash", HEX.formatHex(prepared.envelopeHash().toByteArray()));
            persist(aliceState, p);
        }
        kill9();

        // 2. A new daemon process; Alice resumes from her file and sends the persisted payload.
        startDaemon();
        Properties a = load(aliceState);
        byte[] readCap = hex(a, "read_cap");
        byte[] box = hex(a, "current_message_index");
        byte[] nextBox = hex(a, "next_message_index");
        Destination courier;
        try (ThinClient alice = client()) {
            courier = alice.getCourierDestination();
            int ch = ThinClient.await(alice.resumeWriteChannelQuery(WriteCap.of(hex(a, "write_cap")),
                    MessageBoxIndex.of(box), hex(a, "envelope_descriptor"), Hash256.of(hex(a, "envelope_hash"))), STEP);
            long t0 = System.nanoTime();
            sendWrite(alice, ch, hex(a, "send_message_payload"), courier);
            System.out.printf("resumed write sent and answered twice in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }

        // 3. Bob reads the box (a fresh read channel from the shared read capability), prepares a
        // second read of the same box, persists it (guide, type 6), and the daemon dies again.
        try (ThinClient bob = client()) {
            int ch = ThinClient.await(bob.createReadChannel(ReadCap.of(readCap)), STEP).channelId();
            ThinResponse.ReadChannelReply r = ThinClient.await(bob.readChannel(ch, null, null), STEP);
            assertThat(r.currentMessageIndex().toByteArray()).as("a new reader starts at the written box")
                    .isEqualTo(box);
            long t0 = System.nanoTime();
            assertThat(sendRead(bob, ch, r.sendMessagePayload().toByteArray(), courier)).isEqualTo(message);
            System.out.printf("read delivered in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            int again = ThinClient.await(bob.createReadChannel(ReadCap.of(readCap)), STEP).channelId();
            ThinResponse.ReadChannelReply prepared = ThinClient.await(bob.readChannel(again,
                    MessageBoxIndex.of(box), 1), STEP);
            Properties p = new Properties();
            p.setProperty("read_cap", HEX.formatHex(readCap));
            p.setProperty("send_message_payload", HEX.formatHex(prepared.sendMessagePayload().toByteArray()));
            p.setProperty("current_message_index", HEX.formatHex(prepared.currentMessageIndex().toByteArray()));
            p.setProperty("next_message_index", HEX.formatHex(prepared.nextMessageIndex().toByteArray()));
            p.setProperty("reply_index", Integer.toString(prepared.replyIndex()));
            p.setProperty("envelope_descriptor", HEX.formatHex(prepared.envelopeDescriptor().toByteArray()));
            p.setProperty("envelope_hash", HEX.formatHex(prepared.envelopeHash().toByteArray()));
            persist(bobState, p);
        }
        kill9();

        // 4. A third daemon process; Bob resumes the prepared read from his file: the same message
        // (not a second copy), and the box after it is empty.
        startDaemon();
        Properties b = load(bobState);
        try (ThinClient bob = client()) {
            courier = bob.getCourierDestination();
            int ch = ThinClient.await(bob.resumeReadChannelQuery(ReadCap.of(hex(b, "read_cap")),
                    MessageBoxIndex.of(hex(b, "current_message_index")),
                    Integer.parseInt(b.getProperty("reply_index")), hex(b, "envelope_descriptor"),
                    Hash256.of(hex(b, "envelope_hash"))), STEP);
            assertThat(sendRead(bob, ch, hex(b, "send_message_payload"), courier))
                    .as("the resumed read of the same box").isEqualTo(message);

            ThinResponse.ReadChannelReply following = ThinClient.await(bob.readChannel(ch, null, null), STEP);
            assertThat(following.currentMessageIndex().toByteArray())
                    .as("after a delivered read the reader stands at the next box").isEqualTo(nextBox);
            assertThat(readNothing(bob, ch, following.sendMessagePayload().toByteArray(), courier, 3))
                    .as("the box after the message holds nothing: the message was stored once").isEmpty();
        }
        kill9();
    }
}
