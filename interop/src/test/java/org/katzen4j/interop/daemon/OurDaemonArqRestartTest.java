package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.daemon.engine.ArqService;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;

/**
 * ARQ across a gateway restart: the first attempt's reply is addressed to the old session's queue
 * and never retrieved; our daemon reconnects, the resend timer fires, the retransmission goes out
 * through the new session and the app gets the reply. Restarts {@code gateway1} of the shared
 * testnet, so it runs only with {@code -Dkatzen4j.faults=true}. A restarted reference gateway
 * carries traffic again only minutes later (the reference ping fails too until then), so the
 * test uses a 45 s resend slop and up to 12 retransmissions (reference: 3 min 45 s, 3) to span that
 * time with the same mechanism.
 */
@Tag("interop")
@ReferenceTestnet
class OurDaemonArqRestartTest {

    @Test
    void arqMessageIsRetransmittedAndDeliveredAfterTheGatewayRestarts(ReferenceNetwork net) throws Exception {
        assumeTrue(Boolean.getBoolean("katzen4j.faults"), "restarts the gateway: run with -Dkatzen4j.faults=true");
        ClientConfig cfg = ClientConfig.load(net.clientToml());
        DaemonAssembly.Options o = DaemonAssembly.Options.defaults().withListen("tcp", "127.0.0.1:0")
                .withEpochTime(new EpochTime(net.epochPeriod()))
                .withArqTiming(new ArqService.Timing(12, Duration.ofSeconds(45), Duration.ofMinutes(5)));
        try (DaemonAssembly d = DaemonAssembly.start(cfg, o)) {
            Path thin = Files.createTempFile("k4j-arq", ".toml");
            Files.writeString(thin, Files.readString(net.thinClientToml()).replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$",
                    "$1\"" + d.listener().addressString() + "\""));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while ((!d.connected() || d.document().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            try (ThinClient c = ThinClient.dial(thin)) {
                Destination echo = c.getService(ThinClient.ECHO);
                CompletableFuture<byte[]> reply = c.sendReliableMessageAwaitReply(c.newMessageId(),
                        "survives a restart".getBytes(StandardCharsets.UTF_8), echo);
                while (d.sendScheduler().queued() > 0 || d.arq().inFlight() == 0) {
                    Thread.sleep(50);
                }
                ReferenceNetwork.CommandResult r = net.restart("gateway1", true);
                assertThat(r.exitCode()).as(r.output()).isZero();
                byte[] got = reply.get(11, TimeUnit.MINUTES);
                assertThat(new String(got, 0, 18, StandardCharsets.UTF_8)).isEqualTo("survives a restart");
                assertThat(d.arq().retransmissions()).as("delivered by a retransmission").isGreaterThanOrEqualTo(1);
                System.out.println("ARQ delivered after " + d.arq().retransmissions() + " retransmission(s)");
            } finally {
                Files.deleteIfExists(thin);
            }
        }
    }
}
