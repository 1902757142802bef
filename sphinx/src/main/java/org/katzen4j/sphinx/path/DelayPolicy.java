package org.katzen4j.sphinx.path;

import java.util.random.RandomGenerator;

/**
 * Per-hop delays as the reference draws them: {@code floor(Exp(mu)) + 1} milliseconds, where
 * Exp(mu) is exponential with rate {@code mu} (mean 1/mu ms), then capped at {@code maxDelayMillis}
 * if that is positive. {@code mu} and {@code maxDelayMillis} are the PKI document's Mu and MuMaxDelay.
 */
public record DelayPolicy(double mu, long maxDelayMillis) {

    public DelayPolicy {
        if (!(mu >= Double.MIN_NORMAL) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("Mu must be a positive finite number, got " + mu);
        }
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("MuMaxDelay must not be negative");
        }
    }

    /** One delay in milliseconds, 1 .. 2^32-1. */
    public long sample(RandomGenerator rng) {
        double u = rng.nextDouble();                 // [0, 1)
        double exp = -Math.log1p(-u) / mu;           // exponential with rate mu
        long d = exp >= 0xffffffffL ? 0xffffffffL : (long) exp;
        d = Math.min(d + 1, 0xffffffffL);
        if (maxDelayMillis > 0 && d > maxDelayMillis) {
            d = maxDelayMillis;
        }
        return d;
    }
}
