package org.katzen4j.sphinx.path;

import java.time.Duration;
import java.time.Instant;

/** Maps a unix time (seconds) to a Katzenpost epoch number. */
@FunctionalInterface
public interface EpochClock {

    /** Start of epoch 0 in the reference: 2017-06-01T00:00:00Z. */
    Instant KATZENPOST_EPOCH_START = Instant.parse("2017-06-01T00:00:00Z");

    long epochOf(long unixSeconds);

    /** The reference's epoch arithmetic for an epoch period (20 min by default, 2 min when warped). */
    static EpochClock katzenpost(Duration period) {
        long p = period.toSeconds();
        if (p <= 0) {
            throw new IllegalArgumentException("epoch period must be at least one second");
        }
        long base = KATZENPOST_EPOCH_START.getEpochSecond();
        return t -> {
            if (t < base) {
                throw new IllegalArgumentException("time predates the Katzenpost epoch");
            }
            return (t - base) / p;
        };
    }
}
