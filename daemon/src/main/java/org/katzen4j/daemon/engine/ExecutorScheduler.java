package org.katzen4j.daemon.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link TaskScheduler} on one platform thread; a failing task is logged and does not stop the thread. */
public final class ExecutorScheduler implements TaskScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final Clock clock;
    private final ScheduledExecutorService exec;

    public ExecutorScheduler(Clock clock, String threadName) {
        this.clock = clock;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name(threadName).factory());
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.exec = e;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long ms = Math.max(0, delay.toMillis());
        ScheduledFuture<?> f = exec.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("engine task failed", e);
            }
        }, ms, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        exec.shutdownNow();
        try {
            exec.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
