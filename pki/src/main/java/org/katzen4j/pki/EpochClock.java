package org.katzen4j.pki;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** A wall clock (injectable for tests, optionally skewed by the daemon) read in epochs. */
public record EpochClock(EpochTime epochTime, Clock clock) {

    public EpochClock {
        Objects.requireNonNull(epochTime, "epochTime");
        Objects.requireNonNull(clock, "clock");
    }

    public static EpochClock system(EpochTime epochTime) {
        return new EpochClock(epochTime, Clock.systemUTC());
    }

    public Instant now() {
        return clock.instant();
    }

    public long currentEpoch() {
        return epochTime.epoch(clock.instant());
    }

    public EpochTime.Position position() {
        return epochTime.position(clock.instant());
    }
}
