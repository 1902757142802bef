package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;

/** Gateways reached through a SOCKS5 proxy (a minimal RFC 1928/1929 proxy in the test), onion addresses included. */
class Socks5DialerTest {
    static final SecureRandom RANDOM = new SecureRandom();

    /** Records what the client asked for and forwards every CONNECT to {@code target}. */
    static final class Proxy implements AutoCloseable {
        final ServerSocket ss = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        final List<String> requests = new CopyOnWriteArrayList<>();
        final String needUser;
        final String needPass;
        final int target;

        Proxy(int target, String needUser, String needPass) throws IOException {
            this.target = target;
            this.needUser = needUser;
            this.needPass = needPass;
            Thread.ofVirtual().start(this::serve);
        }

        void serve() {
            while (true) {
                Socket c;
                try {
                    c = ss.accept();
                } catch (IOException e) {
                    return;
                }
                Thread.ofVirtual().start(() -> handle(c));
            }
        }

        void handle(Socket c) {
            try (c) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                byte[] hello = in.readNBytes(2);
                byte[] methods = in.readNBytes(hello[1]);
                int want = needUser == null ? 0 : 2;
                boolean offered = false;
                for (byte m : methods) {
                    offered |= m == want;
                }
                out.write(new byte[] {5, (byte) (offered ? want : 0xff)});
                if (!offered) {
                    return;
                }
                if (want == 2) {
                    in.read();
                    String u = new String(in.readNBytes(in.read()), StandardCharsets.UTF_8);
                    String p = new String(in.readNBytes(in.read()), StandardCharsets.UTF_8);
                    requests.add("auth " + u + " " + p.replace("\0", "NUL"));
                    boolean ok = needUser.equals("*") ? true : needUser.equals(u) && needPass.equals(p);
                    out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
                    if (!ok) {
                        return;
                    }
                }
                byte[] head = in.readNBytes(4);
                String host = new String(in.readNBytes(in.read()), StandardCharsets.US_ASCII);
                byte[] port = in.readNBytes(2);
                requests.add("connect " + host + ":" + (((port[0] & 0xff) << 8) | (port[1] & 0xff)) + " type " + head[3]);
                try (Socket up = new Socket(InetAddress.getLoopbackAddress(), target)) {
                    out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                    out.flush();
                    Thread t = Thread.ofVirtual().start(() -> {
                        try {
                            in.transferTo(up.getOutputStream());
                        } catch (IOException ignored) {
                            // closed
                        }
                    });
                    up.getInputStream().transferTo(out);
                    t.join();
                }
            } catch (IOException | InterruptedException ignored) {
                // connection over
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            ss.close();
        }
    }

    static WireSession.Config config() {
        return WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, RANDOM),
                CommandCodec.padded(new CommandGeometry(1298, 216, 790, 32, 572, 2)));
    }

    @Test
    void onionGatewayThroughAuthenticatedProxy() throws Exception {
        byte[] identity = new byte[32];
        RANDOM.nextBytes(identity);
        try (KemPrivateKey gwKey = Schemes.XWING.generate(RANDOM);
                ServerSocket gw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Proxy proxy = new Proxy(gw.getLocalPort(), "alice", "secret")) {
            CompletableFuture<WireSession> served = CompletableFuture.supplyAsync(() -> {
                try {
                    return WireSession.accept(gw.accept(), config(), NoiseKem.local(gwKey), KeyHash.of(identity),
                            PeerAuthenticator.acceptAll());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            GatewayConnector connector = new GatewayConnector(Schemes.XWING, config(), RANDOM,
                    new Socks5Dialer(proxy.address(), "alice", "secret"));
            String onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";
            GatewayConnector.Connection c = connector.connect(new GatewayConnector.Gateway("gw", identity,
                    gwKey.publicKey().encoded(), List.of("quic://x:1", "onion://" + onion + ":4242")));
            served.get(20, TimeUnit.SECONDS).close();
            c.session().close();
            assertThat(proxy.requests).containsExactly("auth alice secret", "connect " + onion + ":4242 type 3");
        }
    }

    @Test
    void torIsolationCredentialsAndRefusals() throws Exception {
        try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Proxy proxy = new Proxy(nothing.getLocalPort(), "*", "*")) {
            Thread.ofVirtual().start(() -> {
                try {
                    nothing.accept().close();
                } catch (IOException ignored) {
                    // closed
                }
            });
            Socket s = Socks5Dialer.tor(proxy.address(), "gateway1").dial("example.onion", 80, java.time.Duration.ofSeconds(5));
            s.close();
            assertThat(proxy.requests.get(0)).matches("auth katzenpost/client:[0-9a-f]{16}:[0-9a-f]{32} NUL");
        }
        try (Proxy strict = new Proxy(1, "bob", "pw")) {
            assertThatThrownBy(() -> new Socks5Dialer(strict.address(), "bob", "wrong").dial("h", 1,
                    java.time.Duration.ofSeconds(5))).isInstanceOf(IOException.class).hasMessageContaining("rejected");
            assertThatThrownBy(() -> new Socks5Dialer(strict.address(), null, null).dial("h", 1,
                    java.time.Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> GatewayConnector.target("onion://x.onion:1", false))
                .isInstanceOf(GatewayConnector.UnsupportedAddressException.class).hasMessageContaining("proxy");
    }
}
