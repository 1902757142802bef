package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SendSchedulerTest {
    final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    final List<String> ran = new ArrayList<>();

    SendScheduler scheduler(boolean decoys) {
        return new SendScheduler(clock, new SplittableRandom(7), decoys, () -> ran.add("decoy"), 3);
    }

    @Test
    void ticksOnlyWhenConnectedWithUsableRates() {
        SendScheduler s = scheduler(true);
        clock.advance(Duration.ofSeconds(10));
        s.setConnected(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).as("no document yet").isEmpty();
        s.setRates(2.0, 1000); // 1/LambdaP truncates to 0 ms: the reference never ticks
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).isEmpty();
        s.setRates(0.001, 1000);
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).isNotEmpty().containsOnly("decoy");
        s.setConnected(false);
        int n = ran.size();
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).hasSize(n);
    }

    @Test
    void gapsAreExponentialWithTheMeanCappedAtTheMaxDelay() {
        SendScheduler s = scheduler(false);
        s.setRates(0.001, 1000);
        double sum = 0;
        long max = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            long g = s.drawGap();
            sum += g;
            max = Math.max(max, g);
        }
        // E[min(Exp(mean 1000), 1000)] = 1000 (1 - e^-1) ≈ 632 ms
        assertThat(sum / n).isBetween(610.0, 655.0);
        assertThat(max).isEqualTo(1000);
    }

    @Test
    void queuedJobsRunOnePerTickBeforeAnyDecoyAndTheQueueIsBounded() {
        SendScheduler s = scheduler(true);
        for (int i = 0; i < 4; i++) {
            int k = i;
            boolean ok = s.submit(() -> ran.add("job" + k));
            assertThat(ok).isEqualTo(i < 3);
        }
        s.setRates(0.001, 1000);
        s.setConnected(true);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ran.subList(0, 3)).containsExactly("job0", "job1", "job2");
        assertThat(ran.subList(3, ran.size())).containsOnly("decoy");
        assertThat(s.ticks()).isEqualTo(ran.size());
    }

    @Test
    void withDecoysDisabledAnEmptyTickSendsNothing() {
        SendScheduler s = scheduler(false);
        s.setRates(0.001, 1000);
        s.setConnected(true);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ran).isEmpty();
        assertThat(s.ticks()).isGreaterThan(20);
        assertThat(s.decoysSent()).isZero();
    }
}
