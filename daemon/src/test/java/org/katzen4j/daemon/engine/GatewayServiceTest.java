package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.PkiException;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.TransportException;
import org.katzen4j.wire.WireException;

class GatewayServiceTest {
    static final GatewayConnector.Gateway PINNED = new GatewayConnector.Gateway("pinned", new byte[32], new byte[32],
            List.of("tcp://127.0.0.1:9"));

    static GatewayService service(Optional<Document> doc, GatewayService.Dialer dialer, List<String> events) {
        return new GatewayService(dialer, () -> doc, List.of(PINNED), List.of("tcp", "quic"), new SecureRandom(),
                new GatewayService.Callbacks() {
                    @Override
                    public void onConnected(GatewayLink.Session session, long skew) {
                        events.add("up");
                    }

                    @Override
                    public void onDisconnected(String reason) {
                        events.add("down: " + reason);
                    }

                    @Override
                    public void onSurbReply(byte[] surbId, byte[] payload) {
                    }
                }, Duration.ofSeconds(3));
    }

    @Test
    void pinnedGatewayBeforeADocumentThenTheDocumentsGatewayWithAddressesInTransportOrder() throws Exception {
        GatewayService none = service(Optional.empty(), (g, b) -> null, new ArrayList<>());
        assertThat(none.chooseGateway()).contains(PINNED);
        FakeNetwork net = new FakeNetwork(3);
        GatewayService withDoc = service(Optional.of(net.document), (g, b) -> null, new ArrayList<>());
        GatewayConnector.Gateway g = withDoc.chooseGateway().orElseThrow();
        assertThat(g.name()).isEqualTo("gateway1");
        MixDescriptor d = MixDescriptor.builder().name("gw").epoch(1).identityKey(new byte[32]).linkKey(new byte[32])
                .addresses(Map.of("quic", List.of("quic://a:1"), "tcp", List.of("tcp://b:2"), "onion", List.of("onion://c")))
                .gatewayNode(true).build();
        assertThat(GatewayService.fromDescriptor(d, List.of("tcp", "quic")).addresses())
                .containsExactly("tcp://b:2", "quic://a:1");
    }

    @Test
    void failedDialsReportDisconnectedAndAreRetriedWithBackoff() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        List<Long> dialTimes = new CopyOnWriteArrayList<>();
        GatewayService s = service(Optional.empty(), (g, b) -> {
            dialTimes.add(System.nanoTime());
            throw new TransportException(WireException.Kind.IO, "refused");
        }, events);
        s.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (dialTimes.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertThat(dialTimes).as("first dial immediately, the next only after 15 s").hasSize(1);
            assertThat(events).containsExactly("down: refused");
            assertThat(s.session()).isEmpty();
            assertThat(s.connected()).isFalse();
        } finally {
            s.close();
        }
        PkiException e = org.assertj.core.api.Assertions.catchThrowableOfType(PkiException.class,
                () -> s.fetchConsensus(1));
        assertThat(e.kind()).isEqualTo(PkiException.Kind.UNAVAILABLE);
        SendException se = org.assertj.core.api.Assertions.catchThrowableOfType(SendException.class,
                () -> s.sendPacket(new GatewayLink.Session(1, new byte[32], new byte[32]), new byte[1]));
        assertThat(se.getMessage()).isEqualTo("not connected");
        assertThat(se.retryLater()).isTrue();
    }
}
