package org.katzen4j.interop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Fault (b): our daemon starts while the network has no consensus yet (the test brings its own
 * network down and up again, then starts the daemon at once). The daemon must keep running,
 * tell an early app nothing it does not know (no document, no "connected" before it is), and
 * work once the first consensus is out.
 */
@Tag("interop")
@Tag("faults")
@Order(FaultNet.WHOLE_NETWORK)
class NoConsensusAtStartTest {

    /** What the early app saw, with the daemon's own view at the same moment. */
    record Seen(long atMillis, String what, boolean daemonConnected, boolean daemonHasDocument) {
    }

    @Test
    void daemonWaitsForTheFirstConsensusReportsStatusHonestlyThenWorks() throws Exception {
        FaultNet net = FaultNet.configuredOrSkip();
        // A network started moments ago (CI starts the fault run right after `interop/testnet up`)
        // has no consensus yet and is used as it is; any other is brought down and up again.
        boolean fresh = net.runningWithoutAnyConsensus();
        if (!fresh) {
            net.run(Duration.ofMinutes(1), "down");
            FaultNet.Result up = net.run(Duration.ofMinutes(5), "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
        }
        System.out.println("no-consensus start: " + (fresh ? "using the network just started (no consensus made yet)"
                : "brought the network down and up again"));
        assertThat(net.runningWithoutAnyConsensus()).as("no consensus exists when our daemon starts").isTrue();
        long t0 = System.nanoTime();
        try (DaemonAssembly d = DaemonAssembly.start(net.clientConfig(), net.daemonOptions())) {
            List<Seen> seen = new CopyOnWriteArrayList<>();
            InetSocketAddress addr = (InetSocketAddress) d.listener().localAddress();
            SocketChannel early = SocketChannel.open(new InetSocketAddress("127.0.0.1", addr.getPort()));
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = Channels.newInputStream(early)) {
                    while (true) {
                        byte[] body = Frames.read(in, Frames.DEFAULT_MAX_FRAME);
                        if (body == null) {
                            return;
                        }
                        boolean c = d.connected();
                        boolean doc = d.document().isPresent();
                        String what = ThinResponse.decode(body).map(r -> switch (r) {
                            case ThinResponse.ConnectionStatusEvent s -> "status " + s.isConnected();
                            case ThinResponse.NewPkiDocumentEvent p -> "document";
                            default -> r.key();
                        }).orElse("unknown");
                        seen.add(new Seen(ms(t0), what, c, doc));
                    }
                } catch (Exception e) {
                    seen.add(new Seen(ms(t0), "reader ended: " + e.getMessage(), false, false));
                }
            });

            long firstConnected = -1;
            long firstDocument = -1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(11);
            while (System.nanoTime() < deadline && (firstDocument < 0 || firstConnected < 0)) {
                if (firstConnected < 0 && d.connected()) {
                    firstConnected = ms(t0);
                }
                if (firstDocument < 0 && d.document().isPresent()) {
                    firstDocument = ms(t0);
                }
                Thread.sleep(250);
            }
            // d.document() also returns a cached document for a future epoch (the first consensus is
            // published during the epoch before its own); apps are sent it when its epoch begins
            long frameDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (seen.size() < 2 && System.nanoTime() < frameDeadline) {
                Thread.sleep(50);
            }
            System.out.println("no-consensus start: gateway session after " + firstConnected + " ms, first (cached)"
                    + " document after " + firstDocument + " ms; early app saw " + seen);
            assertThat(firstDocument).as("the daemon got a document within 11 min").isPositive();

            // The early app is sent nothing until the daemon has a document (the initial
            // status/document pair is held), and no status it is sent claims a session the daemon lacks.
            List<Seen> frames = seen.stream().filter(s -> !s.what().startsWith("reader ended")).toList();
            assertThat(frames).as("the held initial pair arrives once there is a document").hasSizeGreaterThanOrEqualTo(2);
            assertThat(frames.get(0).what()).startsWith("status ");
            assertThat(frames.get(1).what()).isEqualTo("document");
            assertThat(frames.get(0).atMillis()).as("nothing before the daemon's first document (polled every 250 ms)")
                    .isGreaterThanOrEqualTo(firstDocument - 1000);
            for (Seen s : frames) {
                if (s.what().equals("status true")) {
                    assertThat(s.daemonConnected()).as("connected=true only while connected: " + s).isTrue();
                }
            }

            // Then it works: an echo round trip through the daemon once the network itself is
            // usable. A young network's first consensus often lacks a node that missed the
            // descriptor deadline (no route to the echo service), so wait for one listing every
            // node, as `interop/testnet wait` does for every other test; the first packets after a
            // new consensus can still be lost while links authenticate, so up to 6 attempts.
            FaultNet.Result complete = net.run(Duration.ofMinutes(11), "wait", "600");
            assertThat(complete.exitCode()).as("a consensus listing every node: " + complete.output()).isZero();
            long completeAt = ms(t0);
            System.out.println("no-consensus start: consensus listing every node " + completeAt / 1000 + " s after start");
            Path thin = net.thinTomlFor(d.listener().addressString());
            int sent = 0;
            int delivered = 0;
            try (ThinClient c = ThinClient.dial(thin)) {
                Destination echo = c.getService(ThinClient.ECHO);
                for (int i = 0; i < 6 && delivered == 0; i++) {
                    sent++;
                    byte[] msg = ("after the first consensus " + i).getBytes(StandardCharsets.UTF_8);
                    try {
                        byte[] r = c.blockingSendMessage(msg, echo, Duration.ofSeconds(40));
                        if (new String(r, 0, msg.length, StandardCharsets.UTF_8)
                                .equals(new String(msg, StandardCharsets.UTF_8))) {
                            delivered++;
                        }
                    } catch (ThinClientException e) {
                        System.out.println("echo attempt " + i + ": " + e.getMessage());
                    }
                }
            } finally {
                Files.deleteIfExists(thin);
            }
            early.close();
            reader.join(2000);
            net.record("no-consensus-at-start", sent, delivered, 0, (fresh ? "network started by the caller" : "network restarted by the test") + "; gateway session " + firstConnected / 1000 + " s, first consensus fetched "
                    + firstDocument / 1000 + " s, forwarded to the early app " + firstDocumentOr(seen) / 1000
                    + " s after start; complete consensus " + completeAt / 1000 + " s; echo " + delivered + "/" + sent + " attempts");
            assertThat(delivered).as("an echo round trip works once the consensus exists").isEqualTo(1);
        }
    }

    private static long firstDocumentOr(List<Seen> seen) {
        return seen.stream().filter(s -> s.what().equals("document")).mapToLong(Seen::atMillis).min().orElse(Long.MAX_VALUE);
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
