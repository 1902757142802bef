package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;

class DocumentCacheTest {
    static final long E = 3_000_000L;
    static final EpochTime TIME = DocumentVectorTest.TIME;
    static final Geometry GEOMETRY = Geometry.nike("x25519", 2000, 5);

    /** A settable clock. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Serves canned answers per epoch and records what was asked. */
    static final class FakeFetcher implements ConsensusSource {
        final Map<Long, byte[]> answers = new HashMap<>();
        final Map<Long, PkiException> errors = new HashMap<>();
        final List<Long> asked = new ArrayList<>();

        @Override
        public synchronized byte[] fetchConsensus(long epoch) throws PkiException {
            asked.add(epoch);
            PkiException e = errors.get(epoch);
            if (e != null) {
                throw e;
            }
            byte[] b = answers.get(epoch);
            if (b == null) {
                throw new PkiException(PkiException.Kind.NOT_FOUND, "no document for " + epoch);
            }
            return b;
        }
    }

    static byte[] cert(String docName) {
        return Vectors.hex(DocumentVectorTest.doc(docName).get("certificate"));
    }

    static byte[] caseCert(String caseName) {
        for (JsonNode c : DocumentVectorTest.V.get("cases")) {
            if (c.get("name").asString().equals(caseName)) {
                return Vectors.hex(c.get("certificate"));
            }
        }
        throw new IllegalArgumentException(caseName);
    }

    static DocumentCache cache(MutableClock clock, FakeFetcher f) throws PkiException {
        return new DocumentCache(Vectors.authorities(DocumentVectorTest.V), new EpochClock(TIME, clock), f, GEOMETRY);
    }

    @Test
    void intervalsFollowTheReference() throws Exception {
        DocumentCache c = cache(new MutableClock(TIME.start(E)), new FakeFetcher());
        assertThat(c.recheckInterval()).isEqualTo(Duration.ofSeconds(75));
        assertThat(c.nextFetchTill()).isEqualTo(Duration.ofSeconds(375));
    }

    @Test
    void fetchesNextEpochLateInTheEpochAndAnnouncesOnce() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E - 1).plusSeconds(100));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E, cert("consensus"));
        DocumentCache c = cache(clock, f);
        List<Long> announced = new ArrayList<>();
        c.addListener(d -> announced.add(d.epoch()));

        // early in E-1: only E-1 is wanted, and it is not there yet
        assertThat(c.refresh()).isEmpty();
        assertThat(f.asked).containsExactly(E - 1);
        assertThat(c.failure(E - 1)).isEmpty();

        // late in E-1 (less than 5P/16 left): E is fetched ahead of time
        clock.now = TIME.start(E).minusSeconds(300);
        assertThat(c.refresh()).containsExactly(E);
        assertThat(f.asked).containsExactly(E - 1, E - 1, E);
        assertThat(c.get(E)).isPresent();
        assertThat(c.current()).isEmpty();
        assertThat(announced).isEmpty();

        // in E: nothing to fetch, the cached document becomes current and is announced once
        clock.now = TIME.start(E).plusSeconds(10);
        assertThat(c.refresh()).isEmpty();
        assertThat(c.refresh()).isEmpty();
        assertThat(c.current().map(Document::epoch)).contains(E);
        assertThat(announced).containsExactly(E);
        assertThat(f.asked).containsExactly(E - 1, E - 1, E);
    }

    @Test
    void aForgedDocumentMarksTheEpochFailed() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E).plusSeconds(10));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E, caseCert("two-bad-signatures"));
        DocumentCache c = cache(clock, f);
        c.refresh();
        c.refresh();
        assertThat(f.asked).containsExactly(E);
        assertThat(c.failure(E)).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.FORGED_SIGNATURE));
        assertThatThrownBy(() -> c.fetch(E)).isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.FORGED_SIGNATURE));
        assertThat(f.asked).containsExactly(E);
        assertThat(c.current()).isEmpty();
        // once the epoch is out of the [now, now+1] window the mark is pruned
        clock.now = TIME.start(E + 1).plusSeconds(10);
        c.refresh();
        assertThat(c.failure(E)).isEmpty();
    }

    @Test
    void wrongEpochAndTransportErrorsAreRetried() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E + 1).plusSeconds(10));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E + 1, cert("consensus")); // a gateway answering with epoch E's document
        DocumentCache c = cache(clock, f);
        c.refresh();
        assertThat(c.failure(E + 1)).isEmpty();
        f.answers.remove(E + 1);
        f.errors.put(E + 1, new PkiException(PkiException.Kind.UNAVAILABLE, "not connected"));
        c.refresh();
        assertThat(f.asked).containsExactly(E + 1, E + 1);
        assertThat(c.failure(E + 1)).isEmpty();
        f.errors.put(E + 1, new PkiException(PkiException.Kind.GONE, "never"));
        c.refresh();
        c.refresh();
        assertThat(f.asked).containsExactly(E + 1, E + 1, E + 1);
        assertThat(c.failure(E + 1)).isPresent();
    }

    @Test
    void geometryMismatchIsFatal() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E).plusSeconds(10));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E, cert("consensus"));
        DocumentCache c = new DocumentCache(Vectors.authorities(DocumentVectorTest.V), new EpochClock(TIME, clock), f,
                Geometry.nike("x25519", 1000, 5));
        assertThatThrownBy(c::refresh).isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.GEOMETRY_MISMATCH));
        assertThat(c.current()).isEmpty();
    }

    @Test
    void nothingIsPrunedWithoutASuccessfulFetch() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E).plusSeconds(10));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E, cert("consensus"));
        DocumentCache c = cache(clock, f);
        c.refresh();
        assertThat(c.cachedEpochs()).containsExactly(E);
        // a document for E stays while E is current; moving on and fetching drops it
        clock.now = TIME.start(E + 1).plusSeconds(10);
        f.answers.put(E + 1, cert("small")); // wrong epoch: nothing fetched, nothing pruned
        c.refresh();
        assertThat(c.cachedEpochs()).containsExactly(E);
    }

    @Test
    void scheduledWorkerFetchesAndReportsFatalErrors() throws Exception {
        MutableClock clock = new MutableClock(TIME.start(E).plusSeconds(10));
        FakeFetcher f = new FakeFetcher();
        f.answers.put(E, cert("small"));
        DocumentCache c = cache(clock, f);
        CountDownLatch got = new CountDownLatch(1);
        c.addListener(d -> got.countDown());
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        try {
            c.start(exec);
            assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
            c.wake();
            c.stop();
        } finally {
            exec.shutdownNow();
        }
        assertThat(c.current()).isPresent();
    }
}
