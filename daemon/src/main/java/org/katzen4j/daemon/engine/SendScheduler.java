package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.katzen4j.daemon.listener.AppId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference's one Poisson process ("message or loop", LambdaP): while the daemon is connected
 * and the current document has {@code LambdaP > 0} and {@code LambdaPMaxDelay > 0}, it ticks after
 * gaps of {@code min(Exp · ⌊1/LambdaP⌋ ms, LambdaPMaxDelay ms)}. Each tick runs one queued send
 * job on the scheduler's thread, or, with nothing queued, a loop decoy unless decoy traffic is
 * disabled. Any change of connection state or rates restarts the gap with a fresh draw. Jobs are
 * queued from any thread.
 *
 * <p>Unlike the reference's single FIFO, every app has its own FIFO and the ticks serve the apps
 * that have something queued in turn (round robin), so an app that queues hundreds of sends delays
 * another app's send by at most one tick per other busy app. Jobs not tied to an app share one
 * more queue in the rotation. An app may hold at most {@code perAppCapacity} queued jobs, all apps
 * together at most {@code capacity}; {@link #dropApp} discards a departed app's queued jobs.
 */
public final class SendScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SendScheduler.class);

    private final TaskScheduler scheduler;
    private final RandomGenerator rng;
    private final boolean decoys;
    private final Runnable decoy;
    private final int capacity;
    private final int perAppCapacity;
    /** Queue key for jobs that belong to no app. */
    private static final Object ENGINE = new Object();
    private final Map<Object, Deque<Runnable>> queues = new HashMap<>();
    /** Keys with a non-empty queue, next to be served first. */
    private final Deque<Object> rotation = new ArrayDeque<>();
    private int size;
    private long dropped;
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
     * @param capacity queued jobs at most, all apps together; {@link #submit} refuses more
     */
    public SendScheduler(TaskScheduler scheduler, RandomGenerator rng, boolean decoysEnabled, Runnable decoy,
            int capacity) {
        this(scheduler, rng, decoysEnabled, decoy, capacity, capacity);
    }

    /** @param perAppCapacity queued jobs one app may hold at most (positive, at most {@code capacity}) */
    public SendScheduler(TaskScheduler scheduler, RandomGenerator rng, boolean decoysEnabled, Runnable decoy,
            int capacity, int perAppCapacity) {
        if (capacity <= 0 || perAppCapacity <= 0) {
            throw new IllegalArgumentException("queue capacities must be positive");
        }
        this.scheduler = scheduler;
        this.rng = rng;
        this.decoys = decoysEnabled;
        this.decoy = decoy;
        this.capacity = capacity;
        this.perAppCapacity = Math.min(perAppCapacity, capacity);
    }

    /** Queues a job that belongs to no app for a later tick; false if the queue is full. */
    public boolean submit(Runnable job) {
        return enqueue(ENGINE, job);
    }

    /** Queues one of {@code app}'s sends for a later tick; false if its queue or the whole queue is full. */
    public boolean submit(AppId app, Runnable job) {
        return enqueue(app, job);
    }

    private boolean enqueue(Object key, Runnable job) {
        synchronized (lock) {
            Deque<Runnable> q = queues.get(key);
            int held = q == null ? 0 : q.size();
            if (size >= capacity || (key != ENGINE && held >= perAppCapacity)) {
                return false;
            }
            if (q == null) {
                q = new ArrayDeque<>();
                queues.put(key, q);
                rotation.addLast(key);
            }
            q.addLast(job);
            size++;
            return true;
        }
    }

    /** Discards the jobs {@code app} still has queued (it disconnected); returns how many. */
    public int dropApp(AppId app) {
        synchronized (lock) {
            Deque<Runnable> q = queues.remove(app);
            if (q == null) {
                return 0;
            }
            rotation.remove(app);
            int n = q.size();
            size -= n;
            dropped += n;
            q.clear();
            return n;
        }
    }

    /** Jobs discarded by {@link #dropApp} so far. */
    public long droppedJobs() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Jobs {@code app} has queued now. */
    public int queued(AppId app) {
        synchronized (lock) {
            Deque<Runnable> q = queues.get(app);
            return q == null ? 0 : q.size();
        }
    }

    /** The next job in round-robin order, or null. Caller holds the lock. */
    private Runnable next() {
        Object key = rotation.pollFirst();
        if (key == null) {
            return null;
        }
        Deque<Runnable> q = queues.get(key);
        Runnable job = q.pollFirst();
        size--;
        if (q.isEmpty()) {
            queues.remove(key);
        } else {
            rotation.addLast(key);
        }
        return job;
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
            return size;
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
            queues.clear();
            rotation.clear();
            size = 0;
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
            job = next();
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
