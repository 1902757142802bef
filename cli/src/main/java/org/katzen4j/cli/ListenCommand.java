package org.katzen4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.katzen4j.thinclient.Subscription;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.protocol.ThinResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Prints the daemon's events on this connection: gateway connection changes, new PKI
 * documents, and legacy message replies (with {@code --send}, after sending one message).
 */
@Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the daemon's events as they arrive: connection changes, new PKI documents, "
                + "legacy message sends and replies.",
                "The legacy API has no inbound mailbox: replies arrive for messages this connection sent "
                        + "(use --send), never unsolicited. Stops on Control-C, --count or --for."})
final class ListenCommand implements Callable<Integer> {
    @ParentCommand
    Katzen root;

    @Option(names = "--count", paramLabel = "N", description = "stop after N events")
    Integer count;

    @Option(names = "--for", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "stop after this long")
    Duration duration;

    @Option(names = "--send", paramLabel = "MESSAGE", description = "first send MESSAGE (with a SURB) to --service")
    String send;

    @Option(names = {"-s", "--service"}, defaultValue = "echo", description = "service for --send (default: ${DEFAULT-VALUE})")
    String service;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.out();
        try (ThinClient c = root.connect(send != null)) {
            try (Subscription events = c.events(1024)) {
                // the dial frames are consumed by dial(); print the state they left
                out.println(stamp() + "connection: " + (c.isConnected() ? "connected" : "disconnected"));
                c.pkiDocument().ifPresent(d -> out.println(stamp() + "pki: current document for epoch " + d.epoch()));
                if (send != null) {
                    c.sendMessage(c.newSurbId(), send.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            c.getService(service));
                }
                out.flush();
                long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                int seen = 0;
                while (count == null || seen < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    ThinResponse r = events.queue().poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    if (r == null) {
                        if (c.isClosed()) {
                            out.println(stamp() + "connection to the daemon closed");
                            out.flush();
                            return 1;
                        }
                        continue;
                    }
                    out.println(stamp() + EventFormat.describe(r));
                    out.flush();
                    seen++;
                    if (r instanceof ThinResponse.ShutdownEvent) {
                        return 1;
                    }
                }
                return 0;
            }
        }
    }

    private static String stamp() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + " ";
    }
}
