package org.katzen4j.pki;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.katzen4j.sphinx.geo.Geometry;

/**
 * Verified documents by epoch, kept fresh the way the reference client's PKI worker does it.
 *
 * <p>Each {@link #refresh()} looks at the (possibly skewed) clock: it wants the current epoch's
 * document and, once less than {@code 5P/16} of the epoch remains (the authorities publish the
 * next consensus at {@code 5P/8} and gateways get {@code P/16} to cache it), the next epoch's
 * too. Missing ones are fetched through the {@link ConsensusSource}, verified against the
 * authorities for exactly that epoch, and checked against the configured Sphinx geometry. A
 * document that is bad in itself (malformed, forged, under-signed, expired, gone) marks its epoch
 * as failed and is not fetched again while that epoch is current or next; anything else (not
 * found yet, wrong epoch, transport trouble) is retried on the next refresh. Documents older
 * than the current epoch are dropped after a successful fetch. Listeners hear about each new
 * current document once.
 *
 * <p>{@link #start} runs refresh every {@code P/16}; {@link #wake()} runs one now (the daemon
 * calls it after each gateway handshake). A geometry mismatch is fatal: refresh throws it and the
 * scheduled worker stops after reporting it to the error listener.
 */
public final class DocumentCache {

    private final AuthoritySet authorities;
    private final EpochClock clock;
    private final ConsensusSource fetcher;
    private final Geometry geometry;
    private final ConcurrentSkipListMap<Long, Document> docs = new ConcurrentSkipListMap<>();
    private final Map<Long, PkiException> failed = new HashMap<>();
    private final List<Consumer<Document>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<PkiException>> errorListeners = new CopyOnWriteArrayList<>();
    private final Object refreshLock = new Object();
    private long lastAnnounced = -1;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> periodic;

    /**
     * @param geometry the configured Sphinx geometry every document must match, or null to skip
     *     the check (tools only)
     */
    public DocumentCache(AuthoritySet authorities, EpochClock clock, ConsensusSource fetcher, Geometry geometry) {
        this.authorities = Objects.requireNonNull(authorities);
        this.clock = Objects.requireNonNull(clock);
        this.fetcher = Objects.requireNonNull(fetcher);
        this.geometry = geometry;
    }

    /** Time between scheduled refreshes: P/16 (75 s for 20-minute epochs, 7.5 s warped). */
    public Duration recheckInterval() {
        return clock.epochTime().period().dividedBy(16);
    }

    /** The next epoch is wanted once less than this remains of the current one: 5P/16. */
    public Duration nextFetchTill() {
        Duration p = clock.epochTime().period();
        return p.minus(p.multipliedBy(5).dividedBy(8)).minus(p.dividedBy(16));
    }

    public void addListener(Consumer<Document> onNewCurrentDocument) {
        listeners.add(Objects.requireNonNull(onNewCurrentDocument));
    }

    public void addErrorListener(Consumer<PkiException> onFatal) {
        errorListeners.add(Objects.requireNonNull(onFatal));
    }

    /** The verified document for the clock's current epoch, if cached. */
    public Optional<Document> current() {
        return get(clock.currentEpoch());
    }

    public Optional<Document> get(long epoch) {
        return Optional.ofNullable(docs.get(epoch));
    }

    /** Epochs with a cached document, ascending. */
    public List<Long> cachedEpochs() {
        return List.copyOf(docs.keySet());
    }

    /** Why an epoch is marked failed, if it is. */
    public Optional<PkiException> failure(long epoch) {
        synchronized (refreshLock) {
            return Optional.ofNullable(failed.get(epoch));
        }
    }

    /** Seeds the cache with an already verified document (e.g. a cached one from configuration). */
    public void put(Document d) throws PkiException {
        if (geometry != null) {
            d.checkGeometry(geometry);
        }
        docs.put(d.epoch(), d);
    }

    /**
     * The document for {@code epoch}, fetching and verifying it now if it is not cached. A failed
     * epoch throws its recorded failure without fetching again.
     */
    public Document fetch(long epoch) throws PkiException, InterruptedException {
        synchronized (refreshLock) {
            Document d = docs.get(epoch);
            if (d != null) {
                return d;
            }
            PkiException f = failed.get(epoch);
            if (f != null) {
                throw f;
            }
            return fetchLocked(epoch);
        }
    }

    private Document fetchLocked(long epoch) throws PkiException, InterruptedException {
        try {
            byte[] raw = fetcher.fetchConsensus(epoch);
            if (raw == null || raw.length == 0) {
                throw new PkiException(PkiException.Kind.NOT_FOUND, "no consensus for epoch " + epoch + " yet");
            }
            Document d = UnverifiedDocument.parse(raw).verify(authorities, clock, epoch);
            if (geometry != null) {
                d.checkGeometry(geometry);
            }
            docs.put(epoch, d);
            return d;
        } catch (PkiException e) {
            if (!e.kind().retryLater() && e.kind() != PkiException.Kind.GEOMETRY_MISMATCH) {
                failed.put(epoch, e);
            }
            throw e;
        }
    }

    /**
     * One pass of the worker. Returns the epochs fetched in this pass. Throws only for a fatal
     * geometry mismatch (or interruption).
     */
    public List<Long> refresh() throws PkiException, InterruptedException {
        Document announce = null;
        List<Long> fetched = new java.util.ArrayList<>();
        synchronized (refreshLock) {
            EpochTime.Position pos = clock.position();
            long now = pos.epoch();
            long[] wanted = pos.till().compareTo(nextFetchTill()) < 0 ? new long[] {now, now + 1} : new long[] {now};
            for (long epoch : wanted) {
                if (docs.containsKey(epoch) || failed.containsKey(epoch)) {
                    continue;
                }
                try {
                    fetchLocked(epoch);
                    fetched.add(epoch);
                } catch (PkiException e) {
                    if (e.kind() == PkiException.Kind.GEOMETRY_MISMATCH) {
                        throw e;
                    }
                }
            }
            failed.keySet().removeIf(e -> e < now || e > now + 1);
            if (!fetched.isEmpty()) {
                docs.headMap(now).clear();
            }
            Document cur = docs.get(now);
            if (cur != null && now != lastAnnounced) {
                lastAnnounced = now;
                announce = cur;
            }
        }
        if (announce != null) {
            for (Consumer<Document> l : listeners) {
                l.accept(announce);
            }
        }
        return fetched;
    }

    /** Runs {@link #refresh()} now and then every {@link #recheckInterval()} on {@code exec}. */
    public synchronized void start(ScheduledExecutorService exec) {
        if (periodic != null) {
            throw new IllegalStateException("already started");
        }
        executor = exec;
        long ms = Math.max(1, recheckInterval().toMillis());
        periodic = exec.scheduleWithFixedDelay(this::runOnce, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs one refresh soon on the worker's executor (e.g. right after a handshake). */
    public synchronized void wake() {
        if (executor != null && periodic != null && !periodic.isDone()) {
            executor.execute(this::runOnce);
        }
    }

    public synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    private void runOnce() {
        try {
            refresh();
        } catch (PkiException e) {
            stop();
            for (Consumer<PkiException> l : errorListeners) {
                l.accept(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
