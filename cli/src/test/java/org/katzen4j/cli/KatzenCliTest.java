package org.katzen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.katzen4j.thinclient.protocol.ThinRequest;

import picocli.CommandLine;

/** Argument parsing and output of every katzen subcommand, against {@link FakeDaemon}. */
class KatzenCliTest {
    FakeDaemon daemon;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    static Run run(String... args) {
        Katzen root = new Katzen();
        root.env = k -> null;
        CommandLine cl = Katzen.commandLine(root);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** args prefixed with the fake daemon's address and short timeouts. */
    Run katzen(String... args) {
        List<String> all = new ArrayList<>(List.of("--address", daemon.address(), "--dial-timeout", "5s", "-t", "5s"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ parsing

    @Test
    void helpListsSubcommandsAndGlobalOptions() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("ping", "pki", "send", "listen", "channel", "-c, --config=FILE", "--address",
                "--dial-timeout", "--timeout");
        Run ping = run("ping", "--help");
        assertThat(ping.exit()).isZero();
        assertThat(ping.out()).contains("-n, --count", "-s, --service", "--concurrency", "! reply");
        Run ch = run("channel", "--help");
        assertThat(ch.out()).contains("new", "write", "read", "resume");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("channel").exit()).isEqualTo(2);
        Run bad = run("ping", "-t", "2 fortnights");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not a duration");
        assertThat(run("nosuch").exit()).isEqualTo(2);
        assertThat(run("send").exit()).isEqualTo(2); // MESSAGE or --file required
        assertThat(run("send", "--address", "x:1", "text", "-f", "file").exit()).isEqualTo(2); // not both
        Run both = run("channel", "write", "w.cap", "text", "-f", "file");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("either as MESSAGE or with --file, not both");
        assertThat(run("channel", "write", "w.cap").exit()).isEqualTo(2);
    }

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThrows(CommandLine.TypeConversionException.class, () -> Durations.parse("0s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> Durations.parse("-1s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> Durations.parse("soon"));
    }

    @Test
    void withoutAnyDaemonConfigTheMessageSaysWhatToPass() {
        Run r = run("pki");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no daemon to talk to", "-c thinclient.toml", Katzen.CONFIG_ENV);
        Run missing = run("-c", dir.resolve("nope.toml").toString(), "pki");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.toml does not exist");
    }

    @Test
    void configFileWithAddressOverrideAndEnvironment() throws Exception {
        Path toml = dir.resolve("thinclient.toml");
        String text = Files.readString(Path.of("src/test/resources/thinclient.toml")).replace("ADDRESS", "127.0.0.1:1");
        Files.writeString(toml, text);
        Katzen root = new Katzen();
        root.env = k -> null;
        new CommandLine(root).parseArgs("-c", toml.toString(), "--address", "/run/kpclientd/thin.sock");
        var cfg = root.resolveConfig();
        assertThat(cfg.network()).isEqualTo("unix");
        assertThat(cfg.address()).isEqualTo("/run/kpclientd/thin.sock");
        assertThat(cfg.sphinxGeometry().userForwardPayloadLength()).isEqualTo(1999);

        Katzen env = new Katzen();
        env.env = k -> k.equals(Katzen.CONFIG_ENV) ? toml.toString() : null;
        new CommandLine(env).parseArgs();
        assertThat(env.resolveConfig().address()).isEqualTo("127.0.0.1:1");
        assertThat(env.resolveConfig().network()).isEqualTo("tcp");

        // the file's daemon address is used: the real connection attempt fails with the address in the message
        Files.writeString(toml, text.replace("127.0.0.1:1", daemon.address()));
        Run viaFile = run("-c", toml.toString(), "pki", "--services");
        assertThat(viaFile.exit()).as(viaFile.err()).isZero();
        assertThat(viaFile.out()).contains("echo@servicenode1 endpoint +echo");
    }

    @Test
    void daemonConfigSuppliesAddressAndGeometry() throws Exception {
        Path client = dir.resolve("client.toml");
        String text = Files.readString(Path.of("src/test/resources/client.toml"))
                .replaceAll("(?m)^ListenAddress = .*$", "ListenAddress = \"" + daemon.address() + "\"");
        Files.writeString(client, text);
        Run r = run("--daemon-config", client.toString(), "pki", "--services");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("echo@servicenode1");
        Run both = run("--daemon-config", client.toString(), "-c", client.toString(), "pki");
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.err()).contains("not both");
        Files.writeString(client, text.replace("[SphinxGeometry]", "[SphinxGeometryX]"));
        Run broken = run("--daemon-config", client.toString(), "pki");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("client.toml", "SphinxGeometry");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        Run before = run("--address", daemon.address(), "pki", "--services");
        Run after = run("pki", "--services", "--address", daemon.address());
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
        Run chanAfter = run("channel", "new", dir.resolve("w").toString(), dir.resolve("r").toString(), "--address",
                daemon.address());
        assertThat(chanAfter.exit()).as(chanAfter.err()).isZero();
    }

    // ------------------------------------------------------------------ ping

    @Test
    void pingPrintsProgressAndStatistics() {
        daemon.dropSend = i -> i == 1;
        Run r = katzen("ping", "-n", "4", "-t", "400ms");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Sending 4 Sphinx packets to echo@servicenode1", "\n!~!!\n",
                "4 sent, 3 replies, 1 timeouts, 0 errors", "Success rate is 75 percent (3/4)");
        assertThat(r.out()).containsPattern("round-trip min/avg/max/stddev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms");
        assertThat(daemon.requests).filteredOn(q -> q instanceof ThinRequest.SendMessage).hasSize(4);
    }

    @Test
    void pingWithNoRepliesFailsAndHasNoRoundTripLine() {
        daemon.dropSend = i -> true;
        Run r = katzen("ping", "-n", "2", "-C", "2", "-t", "300ms");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("~~", "2 sent, 0 replies, 2 timeouts", "Success rate is 0 percent (0/2)")
                .doesNotContain("round-trip");
    }

    @Test
    void pingOverArqAndUnknownService() {
        Run r = katzen("ping", "-n", "2", "--arq");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("!!", "Success rate is 100 percent (2/2)");
        assertThat(daemon.requests).filteredOn(q -> q instanceof ThinRequest.SendArqMessage).hasSize(2);
        Run none = katzen("ping", "-s", "nosuch");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no service node offers \"nosuch\"");
        Run node = katzen("ping", "--node", "elsewhere");
        assertThat(node.exit()).isEqualTo(1);
        assertThat(node.err()).contains("no service node named \"elsewhere\"", "[servicenode1]");
    }

    @Test
    void pingStatisticsFormatting() {
        PingStats s = new PingStats();
        s.reply(10, true);
        s.reply(20, true);
        s.reply(30, false);
        s.timeout();
        s.error();
        assertThat(s.summary(5)).containsExactly("5 sent, 3 replies, 1 timeouts, 1 errors, 1 mismatched",
                "round-trip min/avg/max/stddev = 10.0/20.0/30.0/8.2 ms", "Success rate is 40 percent (2/5)");
    }

    // ------------------------------------------------------------------ pki, send, listen

    @Test
    void pkiPrintsEpochLayersServicesReplicas() throws Exception {
        Path save = dir.resolve("doc.cbor");
        Run r = katzen("pki", "-a", "--save", save.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("daemon connected to the mixnet", "epoch 4242 (genesis 4239), document v0, PKI signatures Ed25519",
                "send rate 0/min, mu 0.005, lambdaP 0.002, lambdaL 0.0005, lambdaD 0, lambdaM 0.0002",
                "gateways (1):", "    gateway1  id ", "layer 0 (1):", "layer 1 (2):", "mix2b", "layer 2 (1):",
                "service nodes (1):", "      service courier -> endpoint courier", "      service echo -> endpoint +echo",
                "storage replicas (1):", "replica1", "tcp://127.0.0.1:30020");
        assertThat(r.out().indexOf("layer 0")).isLessThan(r.out().indexOf("layer 1"));
        assertThat(Files.readAllBytes(save)).isEqualTo(daemon.document);
    }

    @Test
    void sendPrintsTheReply() throws Exception {
        Run r = katzen("send", "hello mixnet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello mixnet" + System.lineSeparator());
        assertThat(r.err()).contains("reply from echo@servicenode1 after");
        Path f = dir.resolve("msg.bin");
        Files.write(f, new byte[] {1, 2, (byte) 0xff});
        Run hex = katzen("send", "-f", f.toString(), "--arq");
        assertThat(hex.out().trim()).isEqualTo("hex:0102ff" + "00".repeat(16));
        Run asHex = katzen("send", "--hex", "A");
        assertThat(asHex.out().trim()).isEqualTo("41" + "00".repeat(16));
    }

    @Test
    void listenPrintsStateAndReplies() {
        Run r = katzen("listen", "--send", "are you there", "--count", "1", "--for", "5s");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).endsWith("connection: connected");
        assertThat(lines[1]).endsWith("pki: current document for epoch 4242");
        assertThat(lines[2]).contains("reply: surb ").endsWith("bytes: are you there");
        Run quiet = katzen("listen", "--for", "300ms");
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.out().split("\\R")).hasSize(2);
    }

    // ------------------------------------------------------------------ channels

    @Test
    void channelCarriesMessagesInOrderThroughCapabilityFiles() throws Exception {
        Path w = dir.resolve("alice.wcap");
        Path rd = dir.resolve("alice.rcap");
        Run created = katzen("channel", "new", w.toString(), rd.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(Files.readString(w)).contains("kind = write", "format = katzen4j-capability-1").doesNotContain("next-index");
        assertThat(Files.readString(rd)).contains("kind = read");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w))).isEqualTo("rw-------");
        assertThat(katzen("channel", "new", w.toString(), rd.toString()).err()).contains("exists (use --force");

        Run w1 = katzen("channel", "write", w.toString(), "first");
        assertThat(w1.exit()).as(w1.err()).isZero();
        assertThat(w1.out()).contains("wrote 5 bytes to box 0000000000000000");
        Path second = dir.resolve("second.txt");
        Files.writeString(second, "second message");
        assertThat(katzen("channel", "write", w.toString(), "-f", second.toString()).exit()).isZero();
        assertThat(Files.readString(w)).contains("next-index = 0000000000000002").doesNotContain("pending");
        assertThat(daemon.boxes).hasSize(2);

        Run r1 = katzen("channel", "read", rd.toString());
        assertThat(r1.exit()).as(r1.err()).isZero();
        assertThat(r1.out().trim()).isEqualTo("first");
        Path got = dir.resolve("got.bin");
        Run r2 = katzen("channel", "read", rd.toString(), "-o", got.toString());
        assertThat(r2.exit()).isZero();
        assertThat(Files.readString(got)).isEqualTo("second message");
        Run r3 = katzen("channel", "read", rd.toString(), "--tries", "2", "--interval", "10ms");
        assertThat(r3.exit()).isEqualTo(1);
        assertThat(r3.err()).contains("box 0000000000000002", "still empty after 2 queries");
        assertThat(Files.readString(rd)).contains("next-index = 0000000000000002").doesNotContain("pending");

        // wrong capability for the operation
        assertThat(katzen("channel", "read", w.toString()).err()).contains("holds a write capability");
        assertThat(katzen("channel", "write", rd.toString(), "x").err()).contains("holds a read capability");
        Run resumed = katzen("channel", "resume", rd.toString());
        assertThat(resumed.out()).contains("read channel resumed at box 0000000000000002; nothing pending");
    }

    @Test
    void readWaitsForAnEmptyBoxToBeFilled() {
        Path w = dir.resolve("w");
        Path rd = dir.resolve("r");
        katzen("channel", "new", w.toString(), rd.toString());
        katzen("channel", "write", w.toString(), "late");
        daemon.emptyReadsFirst = 2;
        Run r = katzen("channel", "read", rd.toString(), "--interval", "10ms");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("late");
        assertThat(daemon.requests).filteredOn(q -> q instanceof ThinRequest.SendChannelQuery q2
                && new String(q2.payload().toByteArray()).startsWith("R|")).hasSize(3);
    }

    @Test
    void interruptedWriteIsFinishedByResume() throws Exception {
        Path w = dir.resolve("w");
        Path rd = dir.resolve("r");
        katzen("channel", "new", w.toString(), rd.toString());
        daemon.swallowWrites = true;
        Run lost = katzen("channel", "write", w.toString(), "-t", "300ms", "survivor");
        assertThat(lost.exit()).isEqualTo(1);
        String file = Files.readString(w);
        assertThat(file).contains("pending.payload = ", "pending.current-index = 0000000000000000",
                "pending.envelope-hash = ", "pending.envelope-descriptor = ");
        assertThat(katzen("channel", "write", w.toString(), "other").err()).contains("has a pending write");

        daemon.swallowWrites = false;
        Run resumed = katzen("channel", "resume", w.toString());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("pending write to box 0000000000000000 finished");
        assertThat(daemon.requests).filteredOn(q -> q instanceof ThinRequest.ResumeWriteChannelQuery).hasSize(1);
        assertThat(Files.readString(w)).contains("next-index = 0000000000000001").doesNotContain("pending");
        assertThat(katzen("channel", "read", rd.toString()).out().trim()).isEqualTo("survivor");
        assertThat(katzen("channel", "write", w.toString(), "next").exit()).isZero();
        assertThat(katzen("channel", "read", rd.toString()).out().trim()).isEqualTo("next");
    }

    @Test
    void capFileRejectsForeignAndDamagedFiles() throws Exception {
        Path f = dir.resolve("bad");
        assertThat(assertThrows(CliException.class, () -> CapFile.load(f)).getMessage()).endsWith("bad does not exist");
        Files.writeString(f, "hello = world\n");
        assertThat(assertThrows(CliException.class, () -> CapFile.load(f)).getMessage()).contains("not a katzen4j capability file");
        Files.writeString(f, "format = katzen4j-capability-1\nkind = write\ncap = 00ff\n");
        assertThat(assertThrows(CliException.class, () -> CapFile.load(f)).getMessage()).contains("168 bytes");
        Files.writeString(f, "format = katzen4j-capability-1\nkind = read\ncap = zz\n");
        assertThat(assertThrows(CliException.class, () -> CapFile.load(f)).getMessage()).contains("cap is not hex");
        CapFile ok = new CapFile(CapFile.Kind.READ, new byte[136], FakeDaemon.index(7), null);
        ok.save(f, false);
        CapFile back = CapFile.load(f);
        assertThat(back.kind).isEqualTo(CapFile.Kind.READ);
        assertThat(back.nextIndex).isEqualTo(FakeDaemon.index(7));
        assertThat(back.pending).isNull();
    }
}
