package org.katzen4j.daemon.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private final DocumentCache cache;
    private final ScheduledExecutorService exec;

    public PkiWorker(AuthoritySet authorities, EpochClock clock, Geometry geometry, ConsensusSource source,
            AppEvents events, List<Consumer<Document>> listeners, Consumer<PkiException> fatal) {
        this.cache = new DocumentCache(authorities, clock, source, geometry);
        this.exec = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pki-worker").factory());
        cache.addListener(doc -> {
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
        cache.start(exec);
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
