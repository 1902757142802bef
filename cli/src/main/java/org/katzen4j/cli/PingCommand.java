package org.katzen4j.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Sends Sphinx packets to an echo-like service and reports round trips, like the reference
 * {@code ping}: one progress character per packet ({@code !} reply, {@code ~} timeout,
 * {@code x} error, {@code ?} reply that differs from what was sent), then statistics.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send packets to an echo service and print round-trip statistics.",
        footer = {"", "Progress: ! reply   ~ timeout   x error   ? reply differs from the payload sent"})
final class PingCommand implements Callable<Integer> {
    @ParentCommand
    Katzen root;

    @Option(names = {"-n", "--count"}, defaultValue = "5", description = "packets to send (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = {"-s", "--service"}, defaultValue = "echo", description = "service capability (default: ${DEFAULT-VALUE})")
    String service;

    @Option(names = "--node", paramLabel = "NAME", description = "service node to use (default: a random one offering the service)")
    String node;

    @Option(names = {"-C", "--concurrency"}, defaultValue = "1", description = "packets in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--size", defaultValue = "64", description = "payload bytes per packet (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--arq", description = "use the daemon's ARQ (retransmitting reliable send) instead of a single SURB send")
    boolean arq;

    @Option(names = "--print-diff", description = "print both payloads when a reply differs")
    boolean printDiff;

    private final SecureRandom rng = new SecureRandom();

    @Override
    public Integer call() throws Exception {
        if (count < 1 || concurrency < 1 || size < 1) {
            throw new CliException("--count, --concurrency and --size must be positive");
        }
        PrintWriter out = root.out();
        try (ThinClient c = root.connect(true)) {
            Destination dest = SendCommand.pick(c, service, node);
            out.println("Control-C to abort...");
            out.printf("Sending %d Sphinx packets to %s@%s%n", count, dest.capability(), dest.nodeName());
            out.flush();
            PingStats stats = new PingStats();
            Semaphore slots = new Semaphore(concurrency);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < count; i++) {
                    slots.acquire();
                    int seq = i;
                    pool.submit(() -> {
                        try {
                            one(c, dest, seq, stats, out);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            out.println();
            for (String line : stats.summary(count)) {
                out.println(line);
            }
            out.flush();
            return stats.passed() > 0 ? 0 : 1;
        }
    }

    private void one(ThinClient c, Destination dest, int seq, PingStats stats, PrintWriter out) {
        byte[] payload = new byte[size];
        rng.nextBytes(payload);
        byte[] tag = String.format("katzen ping %d ", seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, payload, 0, Math.min(tag.length, payload.length));
        long t0 = System.nanoTime();
        String mark;
        try {
            byte[] reply = arq ? c.blockingSendReliableMessage(c.newMessageId(), payload, dest, root.timeout)
                    : c.blockingSendMessage(payload, dest, root.timeout);
            double ms = (System.nanoTime() - t0) / 1e6;
            boolean same = reply.length >= payload.length
                    && Arrays.equals(Arrays.copyOf(reply, payload.length), payload);
            stats.reply(ms, same);
            mark = same ? "!" : "?";
            if (!same && printDiff) {
                synchronized (out) {
                    out.printf("%nReply payload: %s%nOriginal payload: %s%n", HexFormat.of().formatHex(reply),
                            HexFormat.of().formatHex(payload));
                }
            }
        } catch (ThinClientException e) {
            if (e.kind() == ThinClientException.Kind.TIMEOUT) {
                stats.timeout();
                mark = "~";
            } else {
                stats.error();
                mark = "x";
                synchronized (out) {
                    root.err().printf("%nping %d: %s%n", seq, e.getMessage());
                    root.err().flush();
                }
            }
        }
        synchronized (out) {
            out.print(mark);
            out.flush();
        }
    }
}
