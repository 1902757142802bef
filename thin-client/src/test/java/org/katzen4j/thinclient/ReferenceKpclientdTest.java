package org.katzen4j.thinclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * The Java thin client against the reference Go kpclientd on the running reference testnet
 * (interop/testnet up). Opt-in because a round trip takes seconds to minutes: runs when
 * KATZEN4J_TESTNET=1 (or -Dkatzen4j.testnet=true) with interop/.testnet/net/client2/thinclient.toml,
 * or when KATZEN4J_THINCLIENT_TOML names a thinclient.toml; skipped with a reason when no daemon
 * answers there or it never reports a gateway connection.
 */
class ReferenceKpclientdTest {
    static Path toml;
    static final Duration ROUND_TRIP = Duration.ofMinutes(2);

    static void findDaemon() throws Exception {
        String env = System.getenv("KATZEN4J_THINCLIENT_TOML");
        boolean optedIn = "1".equals(System.getenv("KATZEN4J_TESTNET")) || Boolean.getBoolean("katzen4j.testnet")
                || (env != null && !env.isBlank());
        assumeTrue(optedIn, "reference testnet test not requested (set KATZEN4J_TESTNET=1)");
        toml = env != null && !env.isBlank() ? Path.of(env)
                : Path.of("..", "interop", ".testnet", "net", "client2", "thinclient.toml").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(toml), "no reference testnet thinclient.toml at " + toml);
        ThinClientConfig cfg = ThinClientConfig.load(toml);
        assumeTrue(cfg.network().startsWith("tcp"), "only a TCP testnet daemon is probed");
        try (Socket s = new Socket()) {
            s.connect((InetSocketAddress) ThinClient.tcpAddress(cfg.address()), 2000);
        } catch (Exception e) {
            assumeTrue(false, "reference kpclientd not reachable at " + cfg.address() + ": " + e.getMessage());
        }
    }

    @Test
    void dialDocumentEchoBlockingAndArq() throws Exception {
        findDaemon();
        try (ThinClient c = ThinClient.dial(toml)) {
            // a v0.0.71 daemon without a current document sends the status alone; wait for both
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((!c.isConnected() || c.pkiDocument().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assumeTrue(c.isConnected() && c.pkiDocument().isPresent(),
                    "the reference kpclientd reports no gateway connection/document within 60 s");
            PkiDocument doc = c.pkiDocument().get();
            Destination echo = c.getService(ThinClient.ECHO);
            System.out.println("reference kpclientd: connected=" + c.isConnected() + ", epoch " + doc.epoch()
                    + ", echo at " + echo.nodeName() + "/" + echo.queueId().asUtf8());

            byte[] ping = ("katzen4j ping " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            byte[] reply = c.blockingSendMessage(ping, echo, ROUND_TRIP);
            System.out.printf("echo reply after %d ms (%d bytes)%n", (System.nanoTime() - t0) / 1_000_000, reply.length);
            assertThat(Arrays.copyOf(reply, ping.length)).isEqualTo(ping);

            byte[] arq = ("katzen4j arq " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            t0 = System.nanoTime();
            byte[] arqReply = c.blockingSendReliableMessage(c.newMessageId(), arq, echo, ROUND_TRIP);
            System.out.printf("ARQ reply after %d ms (%d bytes)%n", (System.nanoTime() - t0) / 1_000_000,
                    arqReply.length);
            assertThat(Arrays.copyOf(arqReply, arq.length)).isEqualTo(arq);
        }
    }

    /** Pigeonhole through the reference daemon, courier and replicas: write a box, read it back. */
    @Test
    void pigeonholeWriteThenRead() throws Exception {
        findDaemon();
        try (ThinClient c = ThinClient.dial(toml)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((!c.isConnected() || c.pkiDocument().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assumeTrue(c.isConnected() && c.pkiDocument().isPresent(),
                    "the reference kpclientd reports no gateway connection/document within 60 s");
            Duration step = Duration.ofSeconds(60);
            ThinResponse.CreateWriteChannelReply w = ThinClient.await(c.createWriteChannel(), step);
            byte[] message = ("katzen4j pigeonhole " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            ThinResponse.WriteChannelReply wr = ThinClient.await(c.writeChannel(w.channelId(), message), step);
            Destination courier = c.getCourierDestination();
            // the courier ACKs the first copy and answers later copies with the replicas' write reply
            int writes = 0;
            long t0 = System.nanoTime();
            do {
                byte[] r = c.sendChannelQueryAwaitReply(w.channelId(), wr.sendMessagePayload().toByteArray(), courier,
                        c.newMessageId(), step);
                writes++;
                assertThat(r).isEmpty();
            } while (writes < 2);
            System.out.printf("write: %d queries, %d ms%n", writes, (System.nanoTime() - t0) / 1_000_000);

            int reader = ThinClient.await(c.createReadChannel(w.readCap()), step).channelId();
            ThinResponse.ReadChannelReply rr = ThinClient.await(c.readChannel(reader, null, null), step);
            byte[] got = new byte[0];
            int reads = 0;
            t0 = System.nanoTime();
            while (got.length == 0 && reads < 12) {
                got = c.sendChannelQueryAwaitReply(reader, rr.sendMessagePayload().toByteArray(), courier,
                        c.newMessageId(), step);
                reads++;
                if (got.length == 0) {
                    Thread.sleep(1000);
                }
            }
            System.out.printf("read: %d queries, %d ms, %d bytes%n", reads, (System.nanoTime() - t0) / 1_000_000,
                    got.length);
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(new String(message, StandardCharsets.UTF_8));
        }
    }
}
