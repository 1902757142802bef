package org.katzen4j.daemon.engine;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.PeerAuthenticator;
import org.katzen4j.wire.WireException;
import org.katzen4j.wire.WireSession;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.GetConsensus2;
import org.katzen4j.wire.commands.MessageAck;
import org.katzen4j.wire.commands.MessageEmpty;
import org.katzen4j.wire.commands.NoOp;
import org.katzen4j.wire.commands.RetrieveMessage;
import org.katzen4j.wire.commands.SendPacket;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.NoiseKem;

/**
 * A gateway speaking our own wire protocol implementation over loopback TCP, in front of a
 * {@link FakeNetwork}: it answers the handshake with the document's gateway link key, serves the
 * signed consensus over {@code GetConsensus2} (gzipped, in chunks), routes each {@code SendPacket}
 * through the fake network and spools the SURB replies for {@code RetrieveMessage}.
 */
final class FakeWireGateway implements AutoCloseable {
    final FakeNetwork net;
    final ServerSocket server;
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger packets = new AtomicInteger();
    private final Deque<FakeNetwork.Ack> spool = new ArrayDeque<>();
    private final Thread acceptor;
    private volatile Socket current;

    /** A listening socket for the gateway, opened before the network so the document can name its port. */
    static ServerSocket listen() throws Exception {
        return new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    FakeWireGateway(FakeNetwork net, ServerSocket server) throws Exception {
        this.net = net;
        this.server = server;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    String address() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Drops the current client session (the client must reconnect). */
    void kickClient() throws Exception {
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                current = s;
                Thread.ofVirtual().start(() -> serve(s));
            } catch (Exception e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        WireSession.Config cfg = WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, net.rng),
                CommandCodec.padded(CommandGeometry.of(FakeNetwork.GEOMETRY)));
        try (WireSession w = WireSession.accept(s, cfg, NoiseKem.local(net.gatewayLinkKey),
                KeyHash.of(net.gatewayIdentity), PeerAuthenticator.acceptAll())) {
            sessions.incrementAndGet();
            while (true) {
                WireCommand c = w.receive();
                switch (c) {
                    case RetrieveMessage r -> {
                        FakeNetwork.Ack a;
                        synchronized (spool) {
                            a = spool.pollFirst();
                        }
                        w.send(a == null ? new MessageEmpty(r.sequence())
                                : new MessageAck(spool.size(), r.sequence(), a.surbId(), a.payload()));
                    }
                    case GetConsensus2 g -> {
                        if (g.epoch() == net.epoch) {
                            byte[] gz = gzip(net.document.certificateBytes());
                            int chunk = 1500;
                            int n = (gz.length + chunk - 1) / chunk;
                            for (int i = 0; i < n; i++) {
                                w.send(new Consensus2(0, i, n, java.util.Arrays.copyOfRange(gz, i * chunk,
                                        Math.min(gz.length, (i + 1) * chunk))));
                            }
                        } else {
                            w.send(new Consensus2(1, 0, 1, new byte[0]));
                        }
                    }
                    case SendPacket p -> {
                        packets.incrementAndGet();
                        net.route(p.packet()).ifPresent(a -> {
                            synchronized (spool) {
                                spool.addLast(a);
                            }
                        });
                    }
                    case NoOp n -> { }
                    default -> throw new IllegalStateException("unexpected " + c);
                }
            }
        } catch (WireException e) {
            System.err.println("fake gateway: session over: " + e);
        } catch (Exception | Error e) {
            e.printStackTrace();
        }
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    @Override
    public void close() throws Exception {
        server.close();
        kickClient();
    }
}
