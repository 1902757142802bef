package org.katzen4j.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.katzen4j.sphinx.path.EpochClock;

/**
 * Katzenpost epoch arithmetic: epoch 0 starts at 2017-06-01T00:00:00Z and every epoch lasts
 * {@link #period()}. The period must equal the network's: 20 minutes normally, 2 minutes for
 * networks built "warped" (the docker testnet), or whatever {@code KATZENPOST_EPOCH_DURATION}
 * (Go duration syntax) says for the reference processes.
 */
public final class EpochTime implements EpochClock {

    /** Start of epoch 0, 2017-06-01T00:00:00Z. */
    public static final Instant ORIGIN = Instant.ofEpochSecond(1_496_275_200L);
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(20);
    public static final Duration WARPED_PERIOD = Duration.ofMinutes(2);
    /** The environment variable the reference reads at start to override the period. */
    public static final String ENV_EPOCH_DURATION = "KATZENPOST_EPOCH_DURATION";

    public static final EpochTime DEFAULT = new EpochTime(DEFAULT_PERIOD);
    public static final EpochTime WARPED = new EpochTime(WARPED_PERIOD);

    /** One instant seen in epoch terms: the epoch, time since its start, time until the next. */
    public record Position(long epoch, Duration elapsed, Duration till) {
    }

    private final Duration period;
    private final long periodNanos;

    public EpochTime(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("epoch period must be positive: " + period);
        }
        this.period = period;
        this.periodNanos = period.toNanos();
    }

    /**
     * The period the reference would use: {@code KATZENPOST_EPOCH_DURATION} if set in
     * {@code env}, else 2 minutes if {@code warped}, else 20 minutes.
     */
    public static EpochTime fromEnvironment(Map<String, String> env, boolean warped) {
        String text = env.get(ENV_EPOCH_DURATION);
        if (text != null && !text.isEmpty()) {
            return new EpochTime(GoDuration.parse(text));
        }
        return warped ? WARPED : DEFAULT;
    }

    public Duration period() {
        return period;
    }

    /** Where {@code t} falls. Instants before the origin are a programming error, as in the reference. */
    public Position position(Instant t) {
        Duration since = Duration.between(ORIGIN, t);
        if (since.isNegative()) {
            throw new IllegalArgumentException("time predates the katzenpost epoch origin: " + t);
        }
        long epoch = Math.floorDiv(sinceNanosSaturated(since), periodNanos);
        Instant start = start(epoch);
        return new Position(epoch, Duration.between(start, t), Duration.between(t, start.plus(period)));
    }

    public Position position(Clock clock) {
        return position(clock.instant());
    }

    public long epoch(Instant t) {
        return position(t).epoch();
    }

    /** The epoch of a unix time in seconds (what Sphinx path selection asks for). */
    @Override
    public long epochOf(long unixSeconds) {
        return epoch(Instant.ofEpochSecond(unixSeconds));
    }

    public long currentEpoch(Clock clock) {
        return epoch(clock.instant());
    }

    /** The first instant of {@code epoch}. */
    public Instant start(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
        return ORIGIN.plus(period.multipliedBy(epoch));
    }

    /** True if {@code t} lies in [start(epoch), start(epoch+1)). */
    public boolean isInEpoch(long epoch, Instant t) {
        Instant s = start(epoch);
        return !t.isBefore(s) && t.isBefore(s.plus(period));
    }

    private static long sinceNanosSaturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time too far from the epoch origin", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochTime e && e.period.equals(period);
    }

    @Override
    public int hashCode() {
        return period.hashCode();
    }

    @Override
    public String toString() {
        return "EpochTime[period=" + period + "]";
    }
}
