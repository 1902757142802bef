package org.katzen4j.interop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Fault (c): an app vanishes (TCP reset, no thin_close) while its ARQ messages are in flight
 * through our daemon. Its ARQ state must be freed at once, its late replies dropped, and
 * another app's echo round trips must be unaffected (each delivered once, none of the
 * vanished app's events leaking to it).
 */
@Tag("interop")
@Tag("faults")
@Order(FaultNet.FIRST)
class VanishingClientTest {

    @Test
    void vanishedAppsStateIsFreedAndOtherAppsAreUnaffected() throws Exception {
        FaultNet net = FaultNet.configuredOrSkip();
        net.ensureUpWithConsensus();
        try (DaemonAssembly d = DaemonAssembly.start(net.clientConfig(), net.daemonOptions())) {
            FaultNet.awaitReady(d, Duration.ofMinutes(4));
            Path thin = net.thinTomlFor(d.listener().addressString());
            try (ThinClient b = ThinClient.dial(thin)) {
                Destination echo = b.getService(ThinClient.ECHO);
                Set<MessageId> vanishedIds = ConcurrentHashMap.newKeySet();
                List<ThinResponse> leakedToB = new CopyOnWriteArrayList<>();
                b.subscribe(r -> {
                    MessageId id = switch (r) {
                        case ThinResponse.MessageSentEvent e -> e.messageId();
                        case ThinResponse.MessageReplyEvent e -> e.messageId();
                        case ThinResponse.MessageIdGarbageCollected e -> e.messageId();
                        default -> null;
                    };
                    if (id != null && vanishedIds.contains(id)) {
                        leakedToB.add(r);
                    }
                });

                // phase 1: A's ARQ messages are on the network (sent, awaiting replies) when A vanishes
                int sentA = 5;
                long unknownBefore = d.replies().unknown();
                java.util.concurrent.atomic.AtomicInteger repliesToA = new java.util.concurrent.atomic.AtomicInteger();
                SocketChannel a = rawApp(d, repliesToA);
                for (int i = 0; i < sentA; i++) {
                    MessageId id = MessageId.random(new java.security.SecureRandom());
                    vanishedIds.add(id);
                    write(a, new ThinRequest.SendArqMessage(id, false, null, echo.idHash(), echo.queueId(),
                            Blob.utf8("vanishing " + i)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                // vanish as soon as every send has left the queue (echo replies take ~2 s, so some are in flight)
                while ((d.sendScheduler().queued() > 0 || d.arq().inFlight() + repliesToA.get() < sentA)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                int inFlightAtVanish = d.arq().inFlight();
                int answeredBeforeVanish = repliesToA.get();
                if (inFlightAtVanish + answeredBeforeVanish < sentA) {
                    System.out.println("only " + inFlightAtVanish + " ARQ in flight, " + d.sendScheduler().queued()
                            + " queued, scheduler running " + d.sendScheduler().running() + ", ticks "
                            + d.sendScheduler().ticks() + "; engine threads:");
                    Thread.getAllStackTraces().forEach((t, st) -> {
                        if (t.getName().contains("engine") || t.getName().contains("gateway")) {
                            System.out.println(t.getName() + " " + t.getState() + " "
                                    + java.util.Arrays.toString(java.util.Arrays.copyOf(st, Math.min(st.length, 12))));
                        }
                    });
                }
                a.setOption(StandardSocketOptions.SO_LINGER, 0);
                a.close(); // RST: no thin_close
                long t0 = System.nanoTime();
                while (d.arq().inFlight() > 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                    Thread.sleep(10);
                }
                long freedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                int inFlightAfter = d.arq().inFlight();
                System.out.println("vanish phase 1: " + inFlightAtVanish + " ARQ in flight at the reset ("
                        + answeredBeforeVanish + " already answered), " + inFlightAfter + " after " + freedMs
                        + " ms; apps left " + d.listener().connectionCount());
                assertThat(inFlightAtVanish + answeredBeforeVanish).isEqualTo(sentA);
                assertThat(inFlightAtVanish).as("the reset came while ARQ messages were in flight").isPositive();
                assertThat(inFlightAfter).as("the vanished app's ARQ entries are dropped").isZero();
                assertThat(d.listener().connectionCount()).isEqualTo(1);

                // B keeps working: echo round trips, each delivered exactly once
                int sentB = 5;
                int deliveredB = 0;
                int attemptsB = 0;
                for (int i = 0; i < sentB; i++) {
                    byte[] msg = ("still here " + i).getBytes(StandardCharsets.UTF_8);
                    for (int t = 0; t < 3; t++) { // a lost packet is retried (legacy sends have no ARQ)
                        attemptsB++;
                        try {
                            byte[] r = b.blockingSendMessage(msg, echo, Duration.ofSeconds(45));
                            if (new String(r, 0, msg.length, StandardCharsets.UTF_8).equals(new String(msg,
                                    StandardCharsets.UTF_8))) {
                                deliveredB++;
                            }
                            break;
                        } catch (ThinClientException e) {
                            System.out.println("B echo " + i + " attempt " + t + ": " + e.getMessage());
                        }
                    }
                }
                // the vanished app's replies (if they come back) are dropped as unknown SURBs
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (d.replies().unknown() - unknownBefore < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                long dropped = d.replies().unknown() - unknownBefore;

                // phase 2: A2 vanishes while its ARQ sends are still queued for the Poisson sender
                SocketChannel a2 = rawApp(d, new java.util.concurrent.atomic.AtomicInteger());
                int sentA2 = 3;
                for (int i = 0; i < sentA2; i++) {
                    MessageId id = MessageId.random(new java.security.SecureRandom());
                    vanishedIds.add(id);
                    write(a2, new ThinRequest.SendArqMessage(id, false, null, echo.idHash(), echo.queueId(),
                            Blob.utf8("queued then vanished " + i)));
                }
                Thread.sleep(200);
                int queuedAtVanish = d.sendScheduler().queued();
                a2.setOption(StandardSocketOptions.SO_LINGER, 0);
                a2.close();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (d.sendScheduler().queued() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(500);
                int strayArq = d.arq().inFlight();
                System.out.println("vanish phase 2: " + queuedAtVanish + " sends queued at the reset; after the queue"
                        + " drained the engine holds " + strayArq + " ARQ entries for the departed app");

                net.record("thin client vanishing mid-request", sentA + sentB, deliveredB, leakedToB.size(),
                        "A: " + inFlightAtVanish + " of " + sentA + " ARQ in flight at reset (" + answeredBeforeVanish
                                + " answered before), " + inFlightAfter + " left after " + freedMs + " ms, "
                                + dropped + " late replies dropped; B: " + deliveredB + "/" + sentB + " echoes in " + attemptsB + " attempts; A2: "
                                + queuedAtVanish + " queued at reset, " + strayArq + " ARQ entries created after it left");
                assertThat(deliveredB).as("the other app is unaffected").isEqualTo(sentB);
                assertThat(leakedToB).as("no event of the vanished app reaches another app").isEmpty();
            } finally {
                Files.deleteIfExists(thin);
            }
        }
    }

    /** A raw app that has read its initial status/document pair. */
    private static SocketChannel rawApp(DaemonAssembly d, java.util.concurrent.atomic.AtomicInteger replies)
            throws Exception {
        InetSocketAddress addr = (InetSocketAddress) d.listener().localAddress();
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", addr.getPort()));
        InputStream in = Channels.newInputStream(ch);
        Frames.read(in, Frames.DEFAULT_MAX_FRAME);
        Frames.read(in, Frames.DEFAULT_MAX_FRAME);
        Thread.ofVirtual().start(() -> { // keep reading so the daemon never sees a slow reader
            try {
                byte[] body;
                while ((body = Frames.read(in, Frames.DEFAULT_MAX_FRAME)) != null) {
                    ThinResponse.decode(body).ifPresent(r -> {
                        if (r instanceof ThinResponse.MessageReplyEvent) {
                            replies.incrementAndGet();
                        }
                        if (r instanceof ThinResponse.MessageSentEvent e && e.err() != null && !e.err().isEmpty()) {
                            System.out.println("vanishing app: send failed: " + e.err());
                        }
                    });
                }
            } catch (Exception e) {
                // reset
            }
        });
        return ch;
    }

    private static void write(SocketChannel ch, ThinRequest r) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Frames.frame(r.encode()));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
