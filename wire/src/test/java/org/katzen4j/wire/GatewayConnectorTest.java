package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;

class GatewayConnectorTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final CommandGeometry G = new CommandGeometry(1298, 216, 790, 32, 572, 2);

    static WireSession.Config config() {
        return WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM), CommandCodec.padded(G));
    }

    @Test
    void parsesOnlyTcpUrls() throws Exception {
        assertThat(GatewayConnector.tcpAddress("tcp://127.0.0.1:30004").getPort()).isEqualTo(30004);
        assertThat(GatewayConnector.tcpAddress("tcp://[::1]:5").getAddress().isLoopbackAddress()).isTrue();
        for (String bad : List.of("tcp4://127.0.0.1:1", "quic://1.2.3.4:5", "onion://abc.onion:5", "ws://x:1",
                "tcp://nohost", "::::", "tcp://h:70000")) {
            assertThatThrownBy(() -> GatewayConnector.tcpAddress(bad)).as(bad)
                    .isInstanceOf(GatewayConnector.UnsupportedAddressException.class);
        }
    }

    @Test
    void queueIdsAreFresh32CharHex() {
        byte[] a = GatewayConnector.newQueueId(RANDOM);
        assertThat(new String(a)).matches("[0-9a-f]{32}");
        assertThat(a).isNotEqualTo(GatewayConnector.newQueueId(RANDOM));
    }

    @Test
    void skipsUnusableAddressesAndUsesAFreshLinkKeyPerConnection() throws Exception {
        byte[] identity = new byte[32];
        RANDOM.nextBytes(identity);
        try (KemPrivateKey gwKey = Schemes.XWING.generate(RANDOM);
                ServerSocket ss = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
                ServerSocket closedPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int deadPort = closedPort.getLocalPort();
            closedPort.close();
            List<PeerCredentials> seen = new ArrayList<>();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        Socket s = ss.accept();
                        WireSession.accept(s, config(), NoiseKem.local(gwKey), KeyHash.of(identity), seen::add);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            GatewayConnector connector = new GatewayConnector(Schemes.XWING, config(), RANDOM);
            GatewayConnector.Gateway gw = new GatewayConnector.Gateway("gateway1", identity,
                    gwKey.publicKey().encoded(), List.of("quic://127.0.0.1:1", "tcp://127.0.0.1:" + deadPort,
                            "tcp://127.0.0.1:" + ss.getLocalPort()));
            GatewayConnector.Connection c1 = connector.connect(gw);
            GatewayConnector.Connection c2 = connector.connect(gw);
            done.get(20, TimeUnit.SECONDS);
            assertThat(c1.address()).isEqualTo("tcp://127.0.0.1:" + ss.getLocalPort());
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0).linkPublicKey()).isNotEqualTo(seen.get(1).linkPublicKey());
            assertThat(seen.get(0).additionalData()).isEqualTo(c1.queueId());
            assertThat(seen.get(1).additionalData()).isEqualTo(c2.queueId());
            c1.session().close();
            c2.session().close();

            // no usable address at all: a typed error naming each problem
            assertThatThrownBy(() -> connector.connect(new GatewayConnector.Gateway("g", identity,
                    gwKey.publicKey().encoded(), List.of("quic://x:1", "tcp://127.0.0.1:" + deadPort))))
                    .isInstanceOf(TransportException.class).hasMessageContaining("quic").hasMessageContaining("" + deadPort);
        }
    }
}
