package org.katzen4j.pki.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.katzen4j.pki.Authority;
import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.Certificate;
import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.PkiException;
import org.katzen4j.pki.ReplicaDescriptor;
import org.katzen4j.pki.UnverifiedDocument;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Fuzzes what a directory authority (or a gateway relaying its consensus) hands us: the signed consensus
 * certificate, verified against the oracle's fixed Ed25519 authority set at a fixed time; the document body;
 * and mix and replica descriptors. Only {@link PkiException} may come out; each decoded value's encoding must
 * decode again and re-encode to the same bytes.
 *
 * <p>Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/pki/fuzz/PkiFuzzTestInputs/} are replayed.
 */
class PkiFuzzTest {

    private static final long EPOCH = 3_000_000L;
    private static final AuthoritySet AUTHORITIES;
    private static final EpochClock CLOCK;

    static {
        try (InputStream in = PkiFuzzTest.class.getResourceAsStream("/vectors/pki_documents.json")) {
            JsonNode v = new ObjectMapper().readTree(in);
            List<Authority> list = new ArrayList<>();
            for (JsonNode a : v.get("authorities")) {
                list.add(Authority.fromPem(a.get("name").asString(), a.get("scheme").asString(),
                        a.get("pem").asString()));
            }
            AUTHORITIES = AuthoritySet.withThreshold(list, v.get("threshold").asInt());
            EpochTime time = new EpochTime(Duration.ofSeconds(v.get("periodSeconds").asLong()));
            CLOCK = new EpochClock(time, Clock.fixed(time.start(EPOCH).plus(time.period().dividedBy(2)),
                    ZoneOffset.UTC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PkiException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A consensus as fetched: parse the certificate, then verify it and decode the body. */
    @FuzzTest(maxDuration = "30s")
    void consensus(byte[] data) {
        UnverifiedDocument u;
        try {
            u = UnverifiedDocument.parse(data);
        } catch (PkiException expected) {
            return;
        }
        byte[] cert = u.certificate().encode();
        try {
            assertThat(Certificate.decode(cert).encode()).isEqualTo(cert);
        } catch (PkiException e) {
            throw new AssertionError("re-encoded certificate does not decode: " + e.getMessage(), e);
        }
        try {
            u.verify(AUTHORITIES, CLOCK, EPOCH);
        } catch (PkiException expected) {
            // unsigned, badly signed, expired, wrong epoch or a bad body: all reported as PkiException
        }
    }

    /** The certified document body (what the signatures cover). */
    @FuzzTest(maxDuration = "30s")
    void documentBody(byte[] data) {
        DocumentBody b;
        try {
            b = DocumentBody.decode(data);
        } catch (PkiException expected) {
            return;
        }
        byte[] canonical = b.encodeCanonical();
        try {
            assertThat(DocumentBody.decode(canonical).encodeCanonical()).isEqualTo(canonical);
        } catch (PkiException e) {
            throw new AssertionError("re-encoded document body does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mixDescriptor(byte[] data) {
        MixDescriptor d;
        try {
            d = MixDescriptor.decode(data);
        } catch (PkiException expected) {
            return;
        }
        byte[] encoded = d.encode();
        try {
            assertThat(MixDescriptor.decode(encoded).encode()).isEqualTo(encoded);
        } catch (PkiException e) {
            throw new AssertionError("re-encoded mix descriptor does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void replicaDescriptor(byte[] data) {
        ReplicaDescriptor d;
        try {
            d = ReplicaDescriptor.decode(data);
        } catch (PkiException expected) {
            return;
        }
        byte[] encoded = d.encode();
        try {
            assertThat(ReplicaDescriptor.decode(encoded).encode()).isEqualTo(encoded);
        } catch (PkiException e) {
            throw new AssertionError("re-encoded replica descriptor does not decode: " + e.getMessage(), e);
        }
    }
}
