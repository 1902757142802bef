package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and timers for the engine's services. The daemon uses {@link ExecutorScheduler} (one
 * engine thread, so tasks never run concurrently with each other); tests use a manual clock.
 */
public interface TaskScheduler {

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** The (unskewed) wall clock. */
    Instant now();

    /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} as soon as possible on the scheduler's thread. */
    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }
}
