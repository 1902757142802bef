package org.katzen4j.daemon.listener;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon-wide channel ids (uint16 in 1..65535, one namespace for all apps, picked uniformly at
 * random) with the app that created each. By default any app may use any live id, as the
 * reference daemon allows and published thin-client test suites rely on; with
 * {@code ownershipEnforced} another app's id looks exactly like an unknown one (error 7).
 * One app may hold at most {@code maxPerApp} channels ({@link ListenerConfig#maxChannelsPerApp()});
 * {@link #allocate} refuses more (logged at WARN) so no app can exhaust the shared id space.
 *
 * @param <T> the engine's per-channel state
 */
public final class ChannelTable<T> {
    public static final int MAX_ID = 0xffff;
    /** Channels per app when the creator does not say (the reference has no limit). */
    public static final int DEFAULT_MAX_PER_APP = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelTable.class);

    private record Entry<T>(AppId owner, T state) {
    }

    private final Map<Integer, Entry<T>> channels = new HashMap<>();
    private final SecureRandom rng;
    private final boolean ownershipEnforced;
    private volatile int maxPerApp;
    private final Map<AppId, Integer> perApp = new HashMap<>();

    /** A table with {@link #DEFAULT_MAX_PER_APP} channels per app. */
    public ChannelTable(SecureRandom rng, boolean ownershipEnforced) {
        this(rng, ownershipEnforced, DEFAULT_MAX_PER_APP);
    }

    /** @param maxPerApp channels one app may hold at once (positive) */
    public ChannelTable(SecureRandom rng, boolean ownershipEnforced, int maxPerApp) {
        if (maxPerApp <= 0) {
            throw new IllegalArgumentException("maxPerApp must be positive");
        }
        this.rng = rng;
        this.ownershipEnforced = ownershipEnforced;
        this.maxPerApp = maxPerApp;
    }

    public int maxPerApp() {
        return maxPerApp;
    }

    /** Changes the per-app limit ({@code [Listener] MaxChannelsPerApp}); channels already held are kept. */
    public void setMaxPerApp(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("maxPerApp must be positive");
        }
        maxPerApp = n;
    }

    /** Whether {@code app} holds its limit of channels (so {@link #allocate} refuses it). */
    public synchronized boolean atLimit(AppId app) {
        return perApp.getOrDefault(app, 0) >= maxPerApp;
    }

    /** Channels {@code app} holds now. */
    public synchronized int count(AppId app) {
        return perApp.getOrDefault(app, 0);
    }

    public boolean ownershipEnforced() {
        return ownershipEnforced;
    }

    /**
     * A fresh id owned by {@code owner}, or empty when the owner already holds {@link #maxPerApp()}
     * channels or all 65535 ids are in use (both logged at WARN).
     */
    public synchronized Optional<Integer> allocate(AppId owner, T state) {
        int held = perApp.getOrDefault(owner, 0);
        if (held >= maxPerApp) {
            LOG.warn("app {}: channel refused: it already holds {} channels (limit maxChannelsPerApp = {})", owner, held,
                    maxPerApp);
            return Optional.empty();
        }
        if (channels.size() >= MAX_ID) {
            LOG.warn("app {}: channel refused: all {} channel ids are in use", owner, MAX_ID);
            return Optional.empty();
        }
        while (true) {
            int id = 1 + rng.nextInt(MAX_ID);
            if (!channels.containsKey(id)) {
                channels.put(id, new Entry<>(owner, state));
                perApp.merge(owner, 1, Integer::sum);
                return Optional.of(id);
            }
        }
    }

    private void released(AppId owner, int n) {
        perApp.computeIfPresent(owner, (k, v) -> v - n <= 0 ? null : v - n);
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
        released(e.owner(), 1);
        return true;
    }

    /** Removes every channel created by {@code app}; returns how many. */
    public synchronized int removeAll(AppId app) {
        int before = channels.size();
        channels.values().removeIf(e -> e.owner().equals(app));
        perApp.remove(app);
        return before - channels.size();
    }

    public synchronized int size() {
        return channels.size();
    }
}
