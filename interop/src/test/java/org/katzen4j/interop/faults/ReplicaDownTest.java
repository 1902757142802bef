package org.katzen4j.interop.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.daemon.channel.PigeonholeChannels;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Fault (d): Alice writes a Pigeonhole box through our daemon with both replicas up; then
 * replica1 is SIGKILLed and stays down; Bob reads the box through our daemon, asking for each
 * intermediate replica's reply in turn. The read must succeed from the replica that is still up.
 * Skipped when the daemon does not serve channels (no CTIDH library).
 */
@Tag("interop")
@Tag("faults")
@Order(FaultNet.REPLICA_DOWN)
class ReplicaDownTest {
    static final Duration STEP = Duration.ofSeconds(90);

    @Test
    void readFromTheOtherReplicaWorksWhileOneIsDown() throws Exception {
        FaultNet net = FaultNet.configuredOrSkip();
        if (System.getProperty("katzen4j.ctidh.lib") == null && System.getenv("KATZEN4J_CTIDH_LIB") == null) {
            Path lib = net.interop.resolve("../pigeonhole/target/native/libk4jctidh1024.so").normalize();
            if (Files.isRegularFile(lib)) {
                System.setProperty("katzen4j.ctidh.lib", lib.toString());
            }
        }
        net.ensureUpWithConsensus();
        try (DaemonAssembly d = DaemonAssembly.start(net.clientConfig(),
                net.daemonOptions().withChannels(new PigeonholeChannels()))) {
            FaultNet.awaitReady(d, Duration.ofMinutes(4));
            Path thin = net.thinTomlFor(d.listener().addressString());
            try (ThinClient alice = ThinClient.dial(thin); ThinClient bob = ThinClient.dial(thin)) {
                Destination courier = alice.getCourierDestination();
                ThinResponse.CreateWriteChannelReply w;
                try {
                    w = ThinClient.await(alice.createWriteChannel(), STEP);
                } catch (ThinClientException e) {
                    assumeTrue(e.kind() != ThinClientException.Kind.ERROR_REPLY || e.errorCode() != 10,
                            "our daemon does not serve channels: " + e.getMessage());
                    throw e;
                }
                String m = "written before a replica died " + System.nanoTime();
                ThinResponse.WriteChannelReply wr = ThinClient.await(alice.writeChannel(w.channelId(),
                        m.getBytes(StandardCharsets.UTF_8)), STEP);
                for (int i = 0; i < 2; i++) { // ACK, then the replica's reply
                    alice.sendChannelQueryAwaitReply(w.channelId(), wr.sendMessagePayload().toByteArray(), courier,
                            alice.newMessageId(), STEP);
                }
                // make sure it is readable with both replicas up (replication done)
                int reader = ThinClient.await(bob.createReadChannel(w.readCap()), STEP).channelId();
                ThinResponse.ReadChannelReply r0 = ThinClient.await(bob.readChannel(reader, null, null), STEP);
                assertThat(read(bob, reader, r0.sendMessagePayload().toByteArray(), courier, 12)).isEqualTo(m);

                long pgid = pidOf(net, "replica1").orElseThrow();
                ProcessHandle.of(pgid).ifPresent(ProcessHandle::destroyForcibly);
                Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).start();
                k.waitFor();
                Thread.sleep(2000);
                System.out.println("replica1 (pgid " + pgid + ") killed");

                int attempts = 0;
                String got = "";
                int usedIndex = -1;
                for (int idx = 0; idx < 2 && got.isEmpty(); idx++) {
                    ThinResponse.ReadChannelReply r = ThinClient.await(bob.readChannel(reader,
                            MessageBoxIndex.of(r0.currentMessageIndex().toByteArray()), idx), STEP);
                    for (int i = 0; i < 6 && got.isEmpty(); i++) {
                        attempts++;
                        try {
                            got = read(bob, reader, r.sendMessagePayload().toByteArray(), courier, 1);
                        } catch (ThinClientException e) {
                            System.out.println("read with reply index " + idx + ": " + e.getMessage());
                        }
                    }
                    if (!got.isEmpty()) {
                        usedIndex = idx;
                    }
                }
                System.out.println("replica down: read " + (got.equals(m) ? "ok" : "FAILED") + " with reply index "
                        + usedIndex + " after " + attempts + " queries");
                net.record("a replica down (Pigeonhole read)", 1, got.equals(m) ? 1 : 0, 0,
                        "replica1 SIGKILLed after the write; read answered via reply index " + usedIndex + " after "
                                + attempts + " courier queries");
                assertThat(got).isEqualTo(m);
            } finally {
                Files.deleteIfExists(thin);
                net.run(Duration.ofMinutes(2), "restart", "replica1");
            }
        }
    }

    private static String read(ThinClient c, int ch, byte[] payload, Destination courier, int tries) throws Exception {
        for (int i = 0; i < tries; i++) {
            byte[] got = c.sendChannelQueryAwaitReply(ch, payload, courier, c.newMessageId(), STEP);
            if (got.length > 0) {
                return new String(got, StandardCharsets.UTF_8);
            }
            Thread.sleep(1000);
        }
        return "";
    }

    private static Optional<Long> pidOf(FaultNet net, String node) throws Exception {
        for (String line : Files.readAllLines(net.dir.resolve("pids"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[1].equals(node)) {
                return Optional.of(Long.parseLong(f[0]));
            }
        }
        return Optional.empty();
    }
}
