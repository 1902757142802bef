package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference's one Poisson process ("message or loop", LambdaP): while the daemon is connected
 * and the current document has {@code LambdaP > 0} and {@code LambdaPMaxDelay > 0}, it ticks after
 * gaps of {@code min(Exp · ⌊1/LambdaP⌋ ms, LambdaPMaxDelay ms)}. Each tick runs one queued send
 * job (FIFO over all apps) on the scheduler's thread, or, with nothing queued, a loop decoy unless
 * decoy traffic is disabled. Any change of connection state or rates restarts the gap with a
 * fresh draw. Jobs are queued from any thread.
 */
public final class SendScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SendScheduler.class);

    private final TaskScheduler scheduler;
    private final RandomGenerator rng;
    private final boolean decoys;
    private final Runnable decoy;
    private final int capacity;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final Object lock = new Object();
    private boolean connected;
    private long averageMillis;
    private long maxDelayMillis;
    private TaskScheduler.Cancellable timer;
    private long generation;
    private long ticks;
    private long decoysSent;

    /**
     * @param decoysEnabled false for {@code [Debug] DisableDecoyTraffic = true}
     * @param decoy what a tick with an empty queue runs when decoys are enabled
     * @param capacity queued jobs at most; {@link #submit} refuses more
     */
    public SendScheduler(TaskScheduler scheduler, RandomGenerator rng, boolean decoysEnabled, Runnable decoy,
            int capacity) {
        this.scheduler = scheduler;
        this.rng = rng;
        this.decoys = decoysEnabled;
        this.decoy = decoy;
        this.capacity = capacity;
    }

    /** Queues a job for a later tick; false if the queue is full. */
    public boolean submit(Runnable job) {
        synchronized (lock) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(job);
            return true;
        }
    }

    public void setConnected(boolean c) {
        synchronized (lock) {
            connected = c;
            rearm();
        }
    }

    /** Rates from a new PKI document ({@code LambdaP}, {@code LambdaPMaxDelay} in ms). */
    public void setRates(double lambdaP, long lambdaPMaxDelay) {
        synchronized (lock) {
            if (lambdaP > 0) {
                averageMillis = (long) (1.0 / lambdaP); // truncates like the reference: LambdaP > 1 never ticks
            }
            maxDelayMillis = Math.max(0, lambdaPMaxDelay);
            rearm();
        }
    }

    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    public long ticks() {
        synchronized (lock) {
            return ticks;
        }
    }

    public long decoysSent() {
        synchronized (lock) {
            return decoysSent;
        }
    }

    /** Whether the process is ticking (connected with usable rates). */
    public boolean running() {
        synchronized (lock) {
            return connected && averageMillis > 0 && maxDelayMillis > 0;
        }
    }

    /** One gap, in ms: exponential with mean {@code averageMillis}, truncated to whole ms, capped. */
    long drawGap() {
        double exp = -Math.log1p(-rng.nextDouble());
        long gap = (long) (exp * averageMillis);
        return Math.min(gap, maxDelayMillis);
    }

    public void stop() {
        synchronized (lock) {
            connected = false;
            rearm();
            queue.clear();
        }
    }

    private void rearm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        generation++;
        if (connected && averageMillis > 0 && maxDelayMillis > 0) {
            long gen = generation;
            timer = scheduler.schedule(Duration.ofMillis(drawGap()), () -> tick(gen));
        }
    }

    private void tick(long gen) {
        Runnable job;
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            ticks++;
            job = queue.pollFirst();
            if (job == null && decoys) {
                job = decoy;
                decoysSent++;
            }
            timer = scheduler.schedule(Duration.ofMillis(drawGap()), () -> tick(gen));
        }
        if (job != null) {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("send job failed", e);
            }
        }
    }
}
