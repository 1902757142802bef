package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;

/**
 * N sequential echo round trips (send_message with SURB to the echo service, wait for the reply)
 * through our daemon and, at the same time, through the reference kpclientd of the testnet, both
 * driven by the same Java thin client code. Prints success counts and median/p95 latency for
 * daemon/BENCHMARKS.md. Runs only with {@code -Dkatzen4j.bench=true} (takes minutes);
 * {@code -Dkatzen4j.bench.n=100}.
 */
@Tag("interop")
@ReferenceTestnet
class EchoRoundTripBenchmark {

    record Result(String name, int ok, int total, long[] millis) {
        long pct(double p) {
            long[] s = millis.clone();
            Arrays.sort(s);
            if (s.length == 0) {
                return -1;
            }
            int i = (int) Math.ceil(p * s.length) - 1;
            return s[Math.max(0, Math.min(s.length - 1, i))];
        }

        @Override
        public String toString() {
            return String.format("%-22s %3d/%3d ok, median %5d ms, p95 %5d ms, min %5d ms, max %5d ms", name, ok, total,
                    pct(0.5), pct(0.95), pct(0.0), pct(1.0));
        }
    }

    static Result run(String name, Path thinToml, int n) throws Exception {
        List<Long> ms = new ArrayList<>();
        int ok = 0;
        try (ThinClient c = ThinClient.dial(thinToml)) {
            Destination echo = c.getService(ThinClient.ECHO);
            for (int i = 0; i < n; i++) {
                byte[] msg = (name + " " + i).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                try {
                    byte[] reply = c.blockingSendMessage(msg, echo, Duration.ofSeconds(30));
                    long dt = (System.nanoTime() - t0) / 1_000_000;
                    if (Arrays.equals(Arrays.copyOf(reply, msg.length), msg)) {
                        ok++;
                        ms.add(dt);
                    }
                } catch (Exception e) {
                    System.out.println(name + " round trip " + i + " failed: " + e.getMessage());
                }
            }
        }
        return new Result(name, ok, n, ms.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void echoRoundTripsThroughBothDaemons(ReferenceNetwork net) throws Exception {
        assumeTrue(Boolean.getBoolean("katzen4j.bench"), "benchmark: run with -Dkatzen4j.bench=true");
        int n = Integer.getInteger("katzen4j.bench.n", 100);
        ClientConfig cfg = ClientConfig.load(net.clientToml());
        try (DaemonAssembly ours = DaemonAssembly.start(cfg, DaemonAssembly.Options.defaults()
                .withListen("tcp", "127.0.0.1:0").withEpochTime(new EpochTime(net.epochPeriod())))) {
            Path thin = Files.createTempFile("k4j-bench", ".toml");
            Files.writeString(thin, Files.readString(net.thinClientToml()).replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$",
                    "$1\"" + ours.listener().addressString() + "\""));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while ((!ours.connected() || ours.document().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> {
                try {
                    return run("katzen4j kpclientd", thin, n);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> {
                try {
                    return run("reference kpclientd", net.thinClientToml(), n);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Result ra = a.get();
            Result rb = b.get();
            System.out.println("BENCH " + ra);
            System.out.println("BENCH " + rb);
            Files.deleteIfExists(thin);
            assertThat(ra.ok()).isGreaterThan(n * 9 / 10);
        }
    }
}
