package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} on a hand-advanced clock: tasks run, in due order, inside {@link #advance}. */
final class ManualScheduler implements TaskScheduler {
    private record Task(Instant due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now;
    private long seq;

    ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        tasks.add(new Task(now.plus(d), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    void advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = tasks.peek();
                if (t == null || t.due.isAfter(end)) {
                    now = end;
                    return;
                }
                tasks.poll();
                now = t.due;
            }
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
    }

    /** Runs what is due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
