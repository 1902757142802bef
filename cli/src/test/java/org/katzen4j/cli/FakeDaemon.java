package org.katzen4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.ReplicaDescriptor;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * A scripted stand-in for kpclientd on a loopback TCP port: it speaks the real thin-client frames
 * (the thin-client module's encoders/decoders), sends a status and a PKI document on connect,
 * echoes legacy messages (optionally dropping some, to produce timeouts), and keeps Pigeonhole
 * boxes in memory. Its channel "queries" are plain text so tests can check what was sent where:
 * a write's send payload is {@code W|channel-key|index|message}, a read's {@code R|channel-key|index}.
 * Boxes persist across connections, as on a real network.
 */
final class FakeDaemon implements AutoCloseable {
    final ServerSocket server;
    final byte[] document;
    /** Legacy sends (0-based over the daemon's lifetime) for which no reply is sent. */
    volatile IntPredicate dropSend = i -> false;
    /** Read queries answered with an empty box before the stored message is returned. */
    volatile int emptyReadsFirst;
    /** When true, write queries are never answered (an interrupted write). */
    volatile boolean swallowWrites;
    final AtomicInteger sends = new AtomicInteger();
    final List<ThinRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> boxes = new ConcurrentHashMap<>();
    private final SecureRandom rng = new SecureRandom();
    private final AtomicInteger channelIds = new AtomicInteger(1);
    private final AtomicInteger emptyReads = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** Per-connection channel state: key (hex of the cap's first 32 bytes) and box position. */
    private static final class Chan {
        final String key;
        long index;

        Chan(String key, long index) {
            this.key = key;
            this.index = index;
        }
    }

    FakeDaemon() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        document = document(4242);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    static byte[] document(long epoch) {
        SecureRandom r = new SecureRandom();
        MixDescriptor gw = node(r, "gateway1", epoch, null).gatewayNode(true).build();
        List<List<MixDescriptor>> layers = List.of(List.of(node(r, "mix1", epoch, null).build()),
                List.of(node(r, "mix2", epoch, null).build(), node(r, "mix2b", epoch, null).build()),
                List.of(node(r, "mix3", epoch, null).build()));
        Map<String, Map<String, CborValue>> k = new LinkedHashMap<>();
        k.put("echo", Map.of("endpoint", new CborValue.Text("+echo")));
        k.put("courier", Map.of("endpoint", new CborValue.Text("courier")));
        MixDescriptor service = node(r, "servicenode1", epoch, k).serviceNode(true).build();
        byte[] id = new byte[32];
        r.nextBytes(id);
        ReplicaDescriptor replica = new ReplicaDescriptor("replica1", epoch, id, id, null,
                Map.of("tcp", List.of("tcp://127.0.0.1:30020")));
        DocumentBody body = new DocumentBody(epoch, epoch - 3, 0, 0.005, 100, 0.002, 200, 0.0005, 300, 0, 0, 0.0002,
                400, 0, 0, layers, List.of(gw), List.of(service), List.of(replica), null, null, new byte[32], null,
                new byte[32], DocumentBody.DOCUMENT_VERSION, "Ed25519");
        return body.encodeCanonical();
    }

    private static MixDescriptor.Builder node(SecureRandom r, String name, long epoch,
            Map<String, Map<String, CborValue>> kaetzchen) {
        byte[] idKey = new byte[32];
        r.nextBytes(idKey);
        return MixDescriptor.builder().name(name).epoch(epoch).identityKey(idKey).linkKey(idKey)
                .addresses(Map.of("tcp", List.of("tcp://127.0.0.1:3" + Math.abs(name.hashCode() % 1000))))
                .kaetzchen(kaetzchen);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        Map<Integer, Chan> channels = new ConcurrentHashMap<>();
        try (s) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, new ThinResponse.ConnectionStatusEvent(true));
            send(out, new ThinResponse.NewPkiDocumentEvent(Blob.of(document)));
            while (true) {
                byte[] body = Frames.read(in, Frames.DEFAULT_MAX_FRAME);
                if (body == null) {
                    return;
                }
                ThinRequest req = ThinRequest.decode(body);
                requests.add(req);
                if (req instanceof ThinRequest.ThinClose) {
                    return;
                }
                handle(req, out, channels);
            }
        } catch (Exception e) {
            // connection ends
        }
    }

    private void handle(ThinRequest req, OutputStream out, Map<Integer, Chan> channels) throws IOException {
        switch (req) {
            case ThinRequest.SendMessage m -> {
                int n = sends.getAndIncrement();
                if (!dropSend.test(n) && m.surbId() != null) {
                    send(out, new ThinResponse.MessageReplyEvent(null, m.surbId(), padded(m.payload()), null, 0));
                }
            }
            case ThinRequest.SendArqMessage m -> {
                int n = sends.getAndIncrement();
                if (!dropSend.test(n)) {
                    send(out, new ThinResponse.MessageReplyEvent(m.id(), null, padded(m.payload()), null, 0));
                }
            }
            case ThinRequest.CreateWriteChannel c -> {
                byte[] key = new byte[32];
                rng.nextBytes(key);
                int id = channelIds.getAndIncrement();
                channels.put(id, new Chan(HexFormat.of().formatHex(key), 0));
                send(out, new ThinResponse.CreateWriteChannelReply(c.queryId(), id,
                        ReadCap.of(Arrays.copyOf(key, ReadCap.LENGTH)), WriteCap.of(Arrays.copyOf(key, WriteCap.LENGTH)), 0));
            }
            case ThinRequest.ResumeWriteChannel c -> {
                int id = open(channels, c.writeCap().toByteArray(), c.messageBoxIndex());
                send(out, new ThinResponse.ResumeWriteChannelReply(c.queryId(), id, 0));
            }
            case ThinRequest.ResumeReadChannel c -> {
                int id = open(channels, c.readCap().toByteArray(), c.nextMessageIndex());
                send(out, new ThinResponse.ResumeReadChannelReply(c.queryId(), id, 0));
            }
            case ThinRequest.ResumeWriteChannelQuery c -> {
                int id = open(channels, c.writeCap().toByteArray(), c.messageBoxIndex());
                send(out, new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), id, 0));
            }
            case ThinRequest.ResumeReadChannelQuery c -> {
                int id = open(channels, c.readCap().toByteArray(), c.nextMessageIndex());
                send(out, new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), id, 0));
            }
            case ThinRequest.WriteChannel w -> {
                Chan ch = channels.get(w.channelId());
                byte[] q = ("W|" + ch.key + "|" + ch.index + "|").getBytes(StandardCharsets.UTF_8);
                byte[] payload = concat(q, w.payload().toByteArray());
                send(out, new ThinResponse.WriteChannelReply(w.queryId(), w.channelId(), Blob.of(payload),
                        Blob.of(index(ch.index).toByteArray()), Blob.of(index(ch.index + 1).toByteArray()),
                        Hash256.random(rng), Blob.utf8("descriptor " + ch.index), 0));
                ch.index++;
            }
            case ThinRequest.ReadChannel r -> {
                Chan ch = channels.get(r.channelId());
                if (r.messageBoxIndex() != null) { // the reader moves to the given box, as in the real daemon
                    ch.index = ByteBuffer.wrap(r.messageBoxIndex().toByteArray()).getLong();
                }
                byte[] q = ("R|" + ch.key + "|" + ch.index).getBytes(StandardCharsets.UTF_8);
                send(out, new ThinResponse.ReadChannelReply(r.queryId(), r.channelId(), 0, Blob.of(q),
                        Blob.of(index(ch.index).toByteArray()), Blob.of(index(ch.index + 1).toByteArray()), 0,
                        Hash256.random(rng), Blob.utf8("descriptor " + ch.index)));
                ch.index++;
            }
            case ThinRequest.SendChannelQuery q -> {
                byte[] p = q.payload().toByteArray();
                String text = new String(p, StandardCharsets.ISO_8859_1);
                String[] parts = text.split("\\|", 4);
                if (parts[0].equals("W") && swallowWrites) {
                    return;
                }
                send(out, new ThinResponse.ChannelQuerySentEvent(q.messageId(), Instant.now(), Duration.ofMillis(5), 0));
                byte[] reply = new byte[0];
                if (parts[0].equals("W")) {
                    int skip = parts[0].length() + parts[1].length() + parts[2].length() + 3;
                    boxes.put(parts[1] + "/" + parts[2], Arrays.copyOfRange(p, skip, p.length));
                } else if (parts[0].equals("R")) {
                    byte[] stored = boxes.get(parts[1] + "/" + parts[2]);
                    if (stored != null && emptyReads.getAndIncrement() >= emptyReadsFirst) {
                        reply = stored;
                    }
                }
                send(out, new ThinResponse.ChannelQueryReplyEvent(q.messageId(), Blob.of(reply), null, 0));
            }
            default -> {
            }
        }
    }

    private int open(Map<Integer, Chan> channels, byte[] cap, MessageBoxIndex at) {
        int id = channelIds.getAndIncrement();
        long index = at == null ? 0 : ByteBuffer.wrap(at.toByteArray()).getLong();
        channels.put(id, new Chan(HexFormat.of().formatHex(cap, 0, 32), index));
        return id;
    }

    static MessageBoxIndex index(long i) {
        byte[] b = new byte[MessageBoxIndex.LENGTH];
        ByteBuffer.wrap(b).putLong(i);
        b[8] = 0x42;
        return MessageBoxIndex.of(b);
    }

    /** Echo replies come back padded with zeros, like the reference echo service's. */
    private static Blob padded(Blob payload) {
        return Blob.of(Arrays.copyOf(payload.toByteArray(), payload.length() + 16));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void send(OutputStream out, ThinResponse r) throws IOException {
        synchronized (out) {
            out.write(Frames.frame(r.encode()));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
