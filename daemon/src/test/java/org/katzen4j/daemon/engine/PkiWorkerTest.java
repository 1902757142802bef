package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.PkiException;

class PkiWorkerTest {

    @Test
    void aVerifiedDocumentReachesTheListenersAndEveryAppOnce() throws Exception {
        FakeNetwork net = new FakeNetwork(5);
        byte[] cert = net.document.certificateBytes();
        List<Long> asked = new ArrayList<>();
        boolean[] connected = {false};
        AppEvents events = new AppEvents();
        Recorder apps = new Recorder();
        events.bind(apps);
        List<Document> heard = new ArrayList<>();
        List<PkiException> fatal = new ArrayList<>();
        try (PkiWorker w = new PkiWorker(net.authorities, new EpochClock(FakeNetwork.TIME, net.clock),
                FakeNetwork.GEOMETRY, epoch -> {
                    asked.add(epoch);
                    if (!connected[0]) {
                        throw new PkiException(PkiException.Kind.UNAVAILABLE, "not connected");
                    }
                    if (epoch != net.epoch) {
                        throw new PkiException(PkiException.Kind.NOT_FOUND, "not yet");
                    }
                    return cert;
                }, events, List.of(heard::add), fatal::add)) {
            w.cache().refresh();
            assertThat(w.document()).isEmpty();
            assertThat(apps.documents).isEmpty();
            connected[0] = true;
            w.cache().refresh();
            w.cache().refresh();
            assertThat(w.document()).hasValueSatisfying(d -> assertThat(d.epoch()).isEqualTo(net.epoch));
            assertThat(heard).hasSize(1);
            assertThat(apps.documents).singleElement()
                    .satisfies(b -> assertThat(b).isEqualTo(net.document.encodeDefault()));
            assertThat(asked).contains(net.epoch);
            assertThat(fatal).isEmpty();
        }
    }

    @Test
    void aDocumentForAnotherGeometryIsFatal() throws Exception {
        FakeNetwork net = new FakeNetwork(6);
        List<PkiException> fatal = new ArrayList<>();
        try (PkiWorker w = new PkiWorker(net.authorities, new EpochClock(FakeNetwork.TIME, net.clock),
                org.katzen4j.sphinx.geo.Geometry.nike("x25519", 1000, 5), epoch -> net.document.certificateBytes(),
                new AppEvents(), List.of(), fatal::add)) {
            PkiException e = org.assertj.core.api.Assertions.catchThrowableOfType(PkiException.class,
                    () -> w.cache().refresh());
            assertThat(e.kind()).isEqualTo(PkiException.Kind.GEOMETRY_MISMATCH);
            assertThat(w.document()).isEmpty();
        }
    }
}
