package org.katzen4j.daemon.listener;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Daemon-wide channel ids (uint16 in 1..65535, one namespace for all apps, picked uniformly at
 * random) with the app that created each. By default any app may use any live id, as the
 * reference daemon allows and published thin-client test suites rely on; with
 * {@code ownershipEnforced} another app's id looks exactly like an unknown one (error 7).
 *
 * @param <T> the engine's per-channel state
 */
public final class ChannelTable<T> {
    public static final int MAX_ID = 0xffff;

    private record Entry<T>(AppId owner, T state) {
    }

    private final Map<Integer, Entry<T>> channels = new HashMap<>();
    private final SecureRandom rng;
    private final boolean ownershipEnforced;

    public ChannelTable(SecureRandom rng, boolean ownershipEnforced) {
        this.rng = rng;
        this.ownershipEnforced = ownershipEnforced;
    }

    public boolean ownershipEnforced() {
        return ownershipEnforced;
    }

    /** A fresh id owned by {@code owner}, or empty when all 65535 ids are in use. */
    public synchronized Optional<Integer> allocate(AppId owner, T state) {
        if (channels.size() >= MAX_ID) {
            return Optional.empty();
        }
        while (true) {
            int id = 1 + rng.nextInt(MAX_ID);
            if (!channels.containsKey(id)) {
                channels.put(id, new Entry<>(owner, state));
                return Optional.of(id);
            }
        }
    }

    /** The channel's state if {@code app} may use {@code id}. */
    public synchronized Optional<T> lookup(AppId app, int id) {
        Entry<T> e = channels.get(id);
        if (e == null || (ownershipEnforced && !e.owner().equals(app))) {
            return Optional.empty();
        }
        return Optional.of(e.state());
    }

    /** Removes the channel if {@code app} may use it; true if something was removed. */
    public synchronized boolean close(AppId app, int id) {
        Entry<T> e = channels.get(id);
        if (e == null || (ownershipEnforced && !e.owner().equals(app))) {
            return false;
        }
        channels.remove(id);
        return true;
    }

    /** Removes every channel created by {@code app}; returns how many. */
    public synchronized int removeAll(AppId app) {
        int before = channels.size();
        channels.values().removeIf(e -> e.owner().equals(app));
        return before - channels.size();
    }

    public synchronized int size() {
        return channels.size();
    }
}
