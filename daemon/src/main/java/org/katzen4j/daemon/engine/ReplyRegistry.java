package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.SurbKeys;
import org.katzen4j.thinclient.protocol.MessageId;

/**
 * Every SURB this daemon is waiting on, keyed by SURB id (the one table the reference splits over
 * five maps). An entry is one of the sealed {@link Entry} kinds; the reply dispatcher
 * {@linkplain #take takes} it when the gateway hands back a reply for that id. Entries may
 * expire (legacy replies and loop decoys at {@code rtt + pollInterval + 1 s}); expiry and removal
 * wipe the SURB keys. Thread-safe (a concurrent map; an entry is owned by whoever removed it).
 */
public final class ReplyRegistry {

    /** What a SURB id stands for. */
    public sealed interface Entry permits LegacyReply, ArqReply, LoopDecoy, ChannelQuery {
        SurbKeys keys();

        /** The app the reply goes to, or null for the daemon's own traffic. */
        AppId app();
    }

    /** A {@code send_message} with SURB: the reply goes to {@code app} as a message_reply_event. */
    public record LegacyReply(AppId app, MessageId messageId,
            org.katzen4j.thinclient.protocol.SurbId appSurbId, SurbKeys keys) implements Entry {
    }

    /** The current attempt of an ARQ message; {@link ArqService} owns the rest of its state. */
    public record ArqReply(AppId app, MessageId messageId, SurbKeys keys) implements Entry {
    }

    /**
     * A Pigeonhole channel query: the decrypted reply goes to {@code onReply} (the channel service).
     * No expiry (as the reference), dropped when the app disconnects.
     */
    public record ChannelQuery(AppId app, SurbKeys keys, java.util.function.Consumer<byte[]> onReply) implements Entry {
    }

    /** A loop decoy: its reply is counted and dropped. */
    public record LoopDecoy(SurbKeys keys) implements Entry {
        @Override
        public AppId app() {
            return null;
        }
    }

    private final Map<SurbId, Entry> entries = new ConcurrentHashMap<>();
    private final TaskScheduler scheduler;

    public ReplyRegistry(TaskScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Records {@code entry} under {@code id}, replacing (and wiping) any entry already there (two
     * apps choosing the same SURB id overwrite each other, as in the reference).
     *
     * @param expireAfter present to drop the entry after that long if no reply took it
     */
    public void put(SurbId id, Entry entry, Optional<Duration> expireAfter) {
        Entry old = entries.put(id, entry);
        if (old != null && old != entry) {
            old.keys().close();
        }
        expireAfter.ifPresent(d -> scheduler.schedule(d, () -> {
            if (entries.remove(id, entry)) {
                entry.keys().close();
            }
        }));
    }

    /**
     * Registers a channel query's SURB (shape of the channel service's {@code SurbRegistrar});
     * returns the action that unregisters it again (e.g. the send failed).
     */
    public Runnable registerChannelQuery(SurbId id, AppId app, SurbKeys keys, java.util.function.Consumer<byte[]> onReply) {
        ChannelQuery q = new ChannelQuery(app, keys, onReply);
        put(id, q, Optional.empty());
        return () -> remove(id, q);
    }

    /** Removes and returns the entry for {@code id}; the caller must close its keys when done. */
    public Optional<Entry> take(SurbId id) {
        return Optional.ofNullable(entries.remove(id));
    }

    /** Whether {@code entry} is still registered under {@code id}. */
    public boolean contains(SurbId id, Entry entry) {
        return entries.get(id) == entry;
    }

    /** Removes {@code entry} if it is still registered under {@code id}, wiping its keys. */
    public boolean remove(SurbId id, Entry entry) {
        if (entries.remove(id, entry)) {
            entry.keys().close();
            return true;
        }
        return false;
    }

    /** Drops every entry owned by {@code app} (it disconnected). */
    public int removeApp(AppId app) {
        int[] n = {0};
        entries.entrySet().removeIf(e -> {
            if (app.equals(e.getValue().app())) {
                e.getValue().keys().close();
                n[0]++;
                return true;
            }
            return false;
        });
        return n[0];
    }

    public int size() {
        return entries.size();
    }

    /** Wipes everything (shutdown). */
    public void clear() {
        entries.values().forEach(e -> e.keys().close());
        entries.clear();
    }
}
