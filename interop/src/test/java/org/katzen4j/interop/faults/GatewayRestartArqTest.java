package org.katzen4j.interop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Fault (a): the gateway is SIGKILLed and restarted while ARQ messages sent through OUR daemon
 * are in flight, with the reference ARQ timing (first retransmission at rtt + 3 min 45 s). The
 * restarted gateway is usable only once its new descriptor is in a consensus (~3–5 min), so
 * the retransmissions carry the messages. Every message must reach the app exactly once.
 */
@Tag("interop")
@Tag("faults")
@Order(FaultNet.GATEWAY_RESTART)
class GatewayRestartArqTest {

    @Test
    void arqMessagesAreDeliveredOnceAcrossAGatewayKill() throws Exception {
        FaultNet net = FaultNet.configuredOrSkip();
        net.ensureUpWithConsensus();
        try (DaemonAssembly d = DaemonAssembly.start(net.clientConfig(), net.daemonOptions())) {
            FaultNet.awaitReady(d, Duration.ofMinutes(4));
            Path thin = net.thinTomlFor(d.listener().addressString());
            try (ThinClient c = ThinClient.dial(thin)) {
                Destination echo = c.getService(ThinClient.ECHO);
                int n = 5;
                Map<MessageId, String> sent = new LinkedHashMap<>();
                Map<MessageId, AtomicInteger> replies = new ConcurrentHashMap<>();
                Map<MessageId, String> payloads = new ConcurrentHashMap<>();
                AtomicInteger errors = new AtomicInteger();
                c.subscribe(r -> {
                    if (r instanceof ThinResponse.MessageReplyEvent e && e.messageId() != null) {
                        if (e.errorCode() != 0) {
                            errors.incrementAndGet();
                            return;
                        }
                        replies.computeIfAbsent(e.messageId(), k -> new AtomicInteger()).incrementAndGet();
                        if (e.payload() != null) {
                            payloads.put(e.messageId(), new String(e.payload().toByteArray(), StandardCharsets.UTF_8));
                        }
                    }
                });
                for (int i = 0; i < n; i++) {
                    MessageId id = c.newMessageId();
                    String text = "across the gateway kill " + i;
                    sent.put(id, text);
                    c.sendReliableMessage(id, text.getBytes(StandardCharsets.UTF_8), echo);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((d.sendScheduler().queued() > 0 || d.arq().inFlight() + replies.size() < n)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                int beforeKill = replies.size();
                long t0 = System.nanoTime();
                FaultNet.Result r = net.run(Duration.ofMinutes(2), "restart", "--kill", "gateway1");
                assertThat(r.exitCode()).as(r.output()).isZero();
                System.out.println("gateway killed and restarted; " + beforeKill + "/" + n + " replied before the kill");
                deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(14);
                while (replies.size() < n && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                long allMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                Thread.sleep(30_000); // late duplicates, if any, would show up here
                int delivered = 0;
                int duplicated = 0;
                for (Map.Entry<MessageId, String> e : sent.entrySet()) {
                    AtomicInteger k = replies.get(e.getKey());
                    if (k != null) {
                        delivered++;
                        duplicated += k.get() - 1;
                        assertThat(payloads.get(e.getKey())).startsWith(e.getValue());
                    }
                }
                long retrans = d.arq().retransmissions();
                System.out.println("gateway restart: sent " + n + ", delivered " + delivered + ", duplicated " + duplicated
                        + ", error replies " + errors.get() + ", retransmissions " + retrans + ", last delivery "
                        + allMs / 1000 + " s after the kill");
                net.record("gateway killed and restarted during ARQ sends", n, delivered, duplicated,
                        beforeKill + " replied before the kill; " + retrans + " retransmissions; all delivered "
                                + allMs / 1000 + " s after the kill; " + errors.get() + " error replies");
                assertThat(delivered).isEqualTo(n);
                assertThat(duplicated).isZero();
            } finally {
                Files.deleteIfExists(thin);
            }
        }
    }
}
