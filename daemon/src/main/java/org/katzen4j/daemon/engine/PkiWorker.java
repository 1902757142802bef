package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.ConsensusSource;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.DocumentCache;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.PkiException;
import org.katzen4j.sphinx.geo.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the verified PKI documents fresh (a {@link DocumentCache} fed over the current gateway
 * session by a {@link ConsensusSource}) on its own thread, and tells the rest of the daemon about
 * each new current document: the apps get {@code new_pki_document_event} (canonical encoding for
 * apps that connect later, default encoding broadcast now, as the reference), and the
 * registered listeners (send rates, poll interval) are updated. A geometry mismatch is fatal and
 * reported to the fatal listener.
 */
public final class PkiWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PkiWorker.class);

    /** How often the worker says, at INFO, that it is still waiting for its first document. */
    public static final Duration DEFAULT_WAIT_LOG_INTERVAL = Duration.ofSeconds(30);

    private final DocumentCache cache;
    private final ScheduledExecutorService exec;
    private final EpochClock clock;
    private final Duration waitLogInterval;
    private volatile boolean haveDocument;
    private volatile java.time.Instant startedAt;
    private ScheduledFuture<?> waitLog;

    public PkiWorker(AuthoritySet authorities, EpochClock clock, Geometry geometry, ConsensusSource source,
            AppEvents events, List<Consumer<Document>> listeners, Consumer<PkiException> fatal) {
        this(authorities, clock, geometry, source, events, listeners, fatal, DEFAULT_WAIT_LOG_INTERVAL);
    }

    /** @param waitLogInterval how often to log at INFO while there is no document for the current epoch yet */
    public PkiWorker(AuthoritySet authorities, EpochClock clock, Geometry geometry, ConsensusSource source,
            AppEvents events, List<Consumer<Document>> listeners, Consumer<PkiException> fatal,
            Duration waitLogInterval) {
        this.clock = clock;
        this.waitLogInterval = waitLogInterval;
        this.cache = new DocumentCache(authorities, clock, source, geometry);
        this.exec = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pki-worker").factory());
        cache.addListener(doc -> {
            haveDocument = true;
            LOG.info("new PKI document for epoch {} ({} layers, {} gateways, {} service nodes)", doc.epoch(),
                    doc.layers().size(), doc.gateways().size(), doc.serviceNodes().size());
            for (Consumer<Document> l : listeners) {
                try {
                    l.accept(doc);
                } catch (RuntimeException e) {
                    LOG.error("document listener failed", e);
                }
            }
            events.pkiDocument(doc.encodeCanonical(), doc.encodeDefault());
        });
        cache.addErrorListener(e -> {
            LOG.error("PKI worker stopped: {}", e.getMessage());
            fatal.accept(e);
        });
    }

    public void start() {
        startedAt = clock.now();
        cache.start(exec);
        long ms = Math.max(1, waitLogInterval.toMillis());
        synchronized (this) {
            waitLog = exec.scheduleWithFixedDelay(this::logWaiting, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Until the first document for the current epoch: one INFO line per interval saying what is awaited. */
    private void logWaiting() {
        if (haveDocument || cache.current().isPresent()) {
            synchronized (this) {
                if (waitLog != null) {
                    waitLog.cancel(false);
                }
            }
            return;
        }
        long epoch = clock.currentEpoch();
        long waited = Duration.between(startedAt, clock.now()).toSeconds();
        String why = cache.failure(epoch).map(e -> "; last attempt: " + e.getMessage()).orElse("");
        List<Long> cached = cache.cachedEpochs();
        LOG.info("waiting for a PKI document for epoch {} ({} s so far{}{}); apps are told nothing until it arrives",
                epoch, waited, cached.isEmpty() ? "" : "; have epochs " + cached, why);
    }

    /** Fetch now (after a new gateway session). */
    public void wake() {
        cache.wake();
    }

    /** The current epoch's document, else the newest cached one. */
    public Optional<Document> document() {
        Optional<Document> d = cache.current();
        if (d.isPresent()) {
            return d;
        }
        List<Long> epochs = cache.cachedEpochs();
        return epochs.isEmpty() ? Optional.empty() : cache.get(epochs.get(epochs.size() - 1));
    }

    public DocumentCache cache() {
        return cache;
    }

    @Override
    public void close() {
        cache.stop();
        exec.shutdownNow();
    }
}
