package org.katzen4j.wire;

import java.time.Duration;

/**
 * kpclientd's reconnect delay (client2/connection.go): before each dial attempt wait the current
 * delay, then grow it by 15 s up to 120 s; any command received on a session resets it to 2 s. So the
 * first dial is immediate and a session that worked is re-dialled after 2 s, then 17 s, 32 s, ... 120 s.
 * Not thread-safe; owned by the connect loop.
 */
public final class ReconnectBackoff {
    public static final Duration STEP = Duration.ofSeconds(15);
    public static final Duration MAX = Duration.ofSeconds(120);
    public static final Duration AFTER_SUCCESS = Duration.ofSeconds(2);

    private Duration delay = Duration.ZERO;

    /** The wait before the next dial attempt; advances the schedule. */
    public Duration nextDelay() {
        Duration d = delay;
        Duration grown = delay.plus(STEP);
        delay = grown.compareTo(MAX) > 0 ? MAX : grown;
        return d;
    }

    /** A session received a command: the next reconnect comes quickly. */
    public void onCommandReceived() {
        delay = AFTER_SUCCESS;
    }
}
