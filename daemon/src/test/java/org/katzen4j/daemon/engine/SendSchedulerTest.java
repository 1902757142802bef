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

    @Test
    void aFloodingAppCannotStarveAnother() {
        SendScheduler s = new SendScheduler(clock, new SplittableRandom(7), false, () -> ran.add("decoy"), 1000, 600);
        org.katzen4j.daemon.listener.AppId a = org.katzen4j.daemon.listener.AppId.of(new byte[16]);
        byte[] bb = new byte[16];
        bb[0] = 1;
        org.katzen4j.daemon.listener.AppId b = org.katzen4j.daemon.listener.AppId.of(bb);
        for (int i = 0; i < 500; i++) {
            int k = i;
            assertThat(s.submit(a, () -> ran.add("A" + k))).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            int k = i;
            assertThat(s.submit(b, () -> ran.add("B" + k))).isTrue();
        }
        assertThat(s.queued()).isEqualTo(505);
        assertThat(s.queued(b)).isEqualTo(5);
        s.setRates(0.001, 1000);
        s.setConnected(true);
        while (ran.size() < 10) {
            clock.advance(Duration.ofMillis(100));
        }
        List<String> first10 = ran.subList(0, 10);
        assertThat(first10).as("B's five sends all leave within the first 10 ticks")
                .contains("B0", "B1", "B2", "B3", "B4");
        assertThat(first10).containsExactly("A0", "B0", "A1", "B1", "A2", "B2", "A3", "B3", "A4", "B4");
        // each app's own order is kept; A continues alone afterwards
        while (ran.size() < 505) {
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> as = ran.stream().filter(x -> x.startsWith("A")).toList();
        for (int i = 0; i < 500; i++) {
            assertThat(as.get(i)).isEqualTo("A" + i);
        }
        assertThat(s.queued()).isZero();
    }

    @Test
    void oneAppCannotTakeTheWholeQueue() {
        SendScheduler s = new SendScheduler(clock, new SplittableRandom(7), false, () -> { }, 10, 4);
        org.katzen4j.daemon.listener.AppId a = org.katzen4j.daemon.listener.AppId.of(new byte[16]);
        byte[] bb = new byte[16];
        bb[0] = 1;
        org.katzen4j.daemon.listener.AppId b = org.katzen4j.daemon.listener.AppId.of(bb);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (s.submit(a, () -> { })) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(s.submit(b, () -> { })).isTrue();
        }
        assertThat(s.submit(() -> { })).isTrue();
        assertThat(s.submit(() -> { })).isTrue();
        assertThat(s.submit(() -> { })).as("all apps together: capacity 10").isFalse();
    }

    @Test
    void aDepartedAppsQueuedJobsAreDroppedAndTheirSlotsFreed() {
        SendScheduler s = new SendScheduler(clock, new SplittableRandom(7), false, () -> ran.add("decoy"), 6, 6);
        org.katzen4j.daemon.listener.AppId a = org.katzen4j.daemon.listener.AppId.of(new byte[16]);
        byte[] bb = new byte[16];
        bb[0] = 1;
        org.katzen4j.daemon.listener.AppId b = org.katzen4j.daemon.listener.AppId.of(bb);
        for (int i = 0; i < 4; i++) {
            int k = i;
            s.submit(a, () -> ran.add("A" + k));
        }
        s.submit(b, () -> ran.add("B0"));
        assertThat(s.dropApp(a)).isEqualTo(4);
        assertThat(s.dropApp(a)).isZero();
        assertThat(s.queued()).isEqualTo(1);
        assertThat(s.droppedJobs()).isEqualTo(4);
        for (int i = 0; i < 5; i++) {
            assertThat(s.submit(b, () -> ran.add("B"))).as("freed slots are usable").isTrue();
        }
        s.setRates(0.001, 1000);
        s.setConnected(true);
        clock.advance(Duration.ofSeconds(60));
        assertThat(ran).noneMatch(x -> x.startsWith("A")).hasSize(6);
    }
}
