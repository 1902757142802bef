package org.katzen4j.daemon.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock corrected by the gateway's clock skew (whole seconds, as the reference's
 * {@code skewedUnixTime}); epochs and path timing are read from this clock.
 */
public final class SkewedClock extends Clock {
    private final Clock base;
    private volatile long skewSeconds;

    public SkewedClock(Clock base) {
        this.base = base;
    }

    /** Records the skew the last handshake measured (gateway time minus ours). */
    public void setSkewSeconds(long s) {
        this.skewSeconds = s;
    }

    public long skewSeconds() {
        return skewSeconds;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plusSeconds(skewSeconds);
    }
}
