package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EpochTimeTest {

    @Test
    void originAndDefaultPeriod() {
        assertThat(EpochTime.ORIGIN).isEqualTo(Instant.parse("2017-06-01T00:00:00Z"));
        assertThat(EpochTime.DEFAULT.epoch(EpochTime.ORIGIN)).isZero();
        assertThat(EpochTime.DEFAULT.epoch(EpochTime.ORIGIN.plusSeconds(1199))).isZero();
        assertThat(EpochTime.DEFAULT.epoch(EpochTime.ORIGIN.plusSeconds(1200))).isEqualTo(1);
        assertThat(EpochTime.WARPED.epoch(EpochTime.ORIGIN.plusSeconds(1200))).isEqualTo(10);
    }

    @Test
    void positionSplitsElapsedAndTill() {
        EpochTime t = EpochTime.DEFAULT;
        Instant i = t.start(3_000_000).plusSeconds(100);
        EpochTime.Position p = t.position(i);
        assertThat(p.epoch()).isEqualTo(3_000_000);
        assertThat(p.elapsed()).isEqualTo(Duration.ofSeconds(100));
        assertThat(p.till()).isEqualTo(Duration.ofSeconds(1100));
        assertThat(t.isInEpoch(3_000_000, t.start(3_000_000))).isTrue();
        assertThat(t.isInEpoch(3_000_000, t.start(3_000_001))).isFalse();
    }

    @Test
    void environmentOverridesLikeTheReference() {
        assertThat(EpochTime.fromEnvironment(Map.of(), false)).isEqualTo(EpochTime.DEFAULT);
        assertThat(EpochTime.fromEnvironment(Map.of(), true).period()).isEqualTo(Duration.ofMinutes(2));
        assertThat(EpochTime.fromEnvironment(Map.of(EpochTime.ENV_EPOCH_DURATION, "90s"), true).period())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(EpochTime.fromEnvironment(Map.of(EpochTime.ENV_EPOCH_DURATION, ""), true)).isEqualTo(EpochTime.WARPED);
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("1µs")).isEqualTo(Duration.ofNanos(1000));
        assertThat(GoDuration.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        for (String bad : new String[] {"", "5", "1x", "m", "1..2s", "-", "s1"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsTimesBeforeTheOriginAndBadPeriods() {
        assertThatThrownBy(() -> EpochTime.DEFAULT.epoch(EpochTime.ORIGIN.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EpochTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void servesSphinxPathSelectionInUnixSeconds() {
        org.katzen4j.sphinx.path.EpochClock c = EpochTime.DEFAULT;
        long origin = EpochTime.ORIGIN.getEpochSecond();
        assertThat(c.epochOf(origin)).isZero();
        assertThat(c.epochOf(origin + 1199)).isZero();
        assertThat(c.epochOf(origin + 1200)).isEqualTo(1);
        assertThat(EpochTime.WARPED.epochOf(origin + 1200)).isEqualTo(10);
        assertThatThrownBy(() -> c.epochOf(origin - 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
