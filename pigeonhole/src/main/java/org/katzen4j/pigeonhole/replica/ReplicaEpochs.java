package org.katzen4j.pigeonhole.replica;

import java.time.Duration;
import java.time.Instant;

/**
 * Replica epochs: weekly periods since the Katzenpost epoch start (2017-06-01T00:00Z). Replica
 * envelope keys are published per replica epoch.
 */
public final class ReplicaEpochs {
    public static final Instant EPOCH_START = Instant.parse("2017-06-01T00:00:00Z");
    public static final Duration REPLICA_EPOCH_PERIOD = Duration.ofDays(7);
    /** The default Katzenpost (PKI) epoch period. */
    public static final Duration DEFAULT_EPOCH_PERIOD = Duration.ofMinutes(20);

    private ReplicaEpochs() {}

    /** The replica epoch containing {@code now}. */
    public static long at(Instant now) {
        Duration since = Duration.between(EPOCH_START, now);
        if (since.isNegative()) {
            throw new IllegalArgumentException("time before the Katzenpost epoch start");
        }
        return since.toNanos() / REPLICA_EPOCH_PERIOD.toNanos();
    }

    /** The reference's conversion of a PKI epoch number to a replica epoch: epoch * period / 7 days. */
    public static long fromPkiEpoch(long pkiEpoch, Duration pkiEpochPeriod) {
        return Long.divideUnsigned(pkiEpoch * pkiEpochPeriod.toNanos(), REPLICA_EPOCH_PERIOD.toNanos());
    }
}
