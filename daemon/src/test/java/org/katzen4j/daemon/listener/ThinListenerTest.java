package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.katzen4j.codec.cbor.CborWriter;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.*;

class ThinListenerTest {
    static final byte[] DOC = {(byte) 0xa1, 0x65, 'E', 'p', 'o', 'c', 'h', 0x01};
    final SecureRandom rng = new SecureRandom();
    ThinListener listener;
    ScriptedEngine engine;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    ThinListener start(ListenerConfig cfg, boolean ownership) throws IOException {
        engine = new ScriptedEngine(rng, ownership);
        listener = ThinListener.start(cfg, engine, rng, false);
        return listener;
    }

    ThinListener startTcp() throws IOException {
        return start(ListenerConfig.of("tcp", "127.0.0.1:0"), false);
    }

    static QueryId qid(SecureRandom r) {
        return QueryId.random(r);
    }

    /** Connects and consumes the initial status/document pair. */
    TestApp dial() throws Exception {
        TestApp a = TestApp.tcp(listener);
        assertThat(a.next(ConnectionStatusEvent.class).isConnected()).isFalse();
        assertThat(a.next(NewPkiDocumentEvent.class).payload()).isEqualTo(Blob.of(DOC));
        return a;
    }

    @Test
    void initialFramesAreHeldUntilAFirstDocumentExists() throws Exception {
        startTcp();
        try (TestApp a = TestApp.tcp(listener)) {
            assertThat(a.quiet(Duration.ofMillis(300))).isTrue();
            engine.router().connectionStatus(true); // suppressed for an app still waiting
            assertThat(a.quiet(Duration.ofMillis(100))).isTrue();
            engine.router().pkiDocument(DOC, new byte[] {(byte) 0xa0});
            assertThat(a.next(ConnectionStatusEvent.class).isConnected()).isTrue();
            assertThat(a.next(NewPkiDocumentEvent.class).payload()).isEqualTo(Blob.of(DOC));
            // later broadcasts use the broadcast encoding
            engine.router().pkiDocument(DOC, new byte[] {(byte) 0xa0});
            assertThat(a.next(NewPkiDocumentEvent.class).payload()).isEqualTo(Blob.of(new byte[] {(byte) 0xa0}));
            engine.router().connectionStatus(false);
            assertThat(a.next(ConnectionStatusEvent.class).isConnected()).isFalse();
        }
    }

    /**
     * The status and document frames are encoded once and shared by every connection: the bytes
     * each app reads on connect and on a broadcast are exactly the per-app encoding
     * ({@code Frames.frame(event.encode())}), for several apps and a later document.
     */
    @Test
    void sharedInitialFramesAreByteIdenticalToThePerAppEncoding() throws Exception {
        byte[] doc = new byte[13 * 1024];
        new java.util.Random(7).nextBytes(doc);
        byte[] broadcast = java.util.Arrays.copyOf(doc, doc.length - 1);
        byte[] perAppStatus = Frames.frame(new ConnectionStatusEvent(false).encode());
        byte[] perAppDoc = Frames.frame(new NewPkiDocumentEvent(Blob.of(doc)).encode());
        byte[] perAppBroadcast = Frames.frame(new NewPkiDocumentEvent(Blob.of(broadcast)).encode());
        assertThat(ThinListener.documentFrame(doc)).isEqualTo(perAppDoc);
        assertThat(ThinListener.statusFrame(false)).isEqualTo(perAppStatus);
        assertThat(ThinListener.statusFrame(true)).isEqualTo(Frames.frame(new ConnectionStatusEvent(true).encode()));

        startTcp();
        engine.router().pkiDocument(doc, broadcast);
        int port = ((java.net.InetSocketAddress) listener.localAddress()).getPort();
        java.util.List<java.net.Socket> apps = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", port);
                s.setSoTimeout(5000);
                apps.add(s);
                byte[] got = s.getInputStream().readNBytes(perAppStatus.length + perAppDoc.length);
                assertThat(java.util.Arrays.copyOfRange(got, 0, perAppStatus.length)).as("app " + i + " status")
                        .isEqualTo(perAppStatus);
                assertThat(java.util.Arrays.copyOfRange(got, perAppStatus.length, got.length)).as("app " + i + " document")
                        .isEqualTo(perAppDoc);
            }
            engine.router().pkiDocument(doc, broadcast);
            for (java.net.Socket s : apps) {
                assertThat(s.getInputStream().readNBytes(perAppBroadcast.length)).isEqualTo(perAppBroadcast);
            }
        } finally {
            for (java.net.Socket s : apps) {
                s.close();
            }
        }
    }

    /**
     * A new app's initial pair is written at accept time as far as the socket takes it without
     * blocking; a document larger than the socket buffers is finished by the writer thread, and
     * replies queued meanwhile follow it in order.
     */
    @Test
    void initialDocumentLargerThanTheSocketBuffersArrivesWholeAndInOrder() throws Exception {
        byte[] doc = new byte[8 * 1024 * 1024];
        new java.util.Random(11).nextBytes(doc);
        byte[] perAppStatus = Frames.frame(new ConnectionStatusEvent(false).encode());
        byte[] perAppDoc = Frames.frame(new NewPkiDocumentEvent(Blob.of(doc)).encode());
        startTcp();
        engine.router().pkiDocument(doc);
        int port = ((java.net.InetSocketAddress) listener.localAddress()).getPort();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            QueryId q = qid(rng);
            // a request sent before the app reads anything: its reply must come after the document
            s.getOutputStream().write(Frames.frame(new ThinRequest.CreateWriteChannel(q).encode()));
            Thread.sleep(200);
            java.io.InputStream in = s.getInputStream();
            assertThat(in.readNBytes(perAppStatus.length)).isEqualTo(perAppStatus);
            assertThat(java.util.Arrays.equals(in.readNBytes(perAppDoc.length), perAppDoc)).isTrue();
            byte[] reply = Frames.read(in, Frames.DEFAULT_MAX_FRAME);
            assertThat(((CreateWriteChannelReply) ThinResponse.decode(reply).orElseThrow()).queryId()).isEqualTo(q);
        }
    }

    @Test
    void repliesGoToTheRequestingAppOnly() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp b = dial()) {
            QueryId qa = qid(rng);
            QueryId qb = qid(rng);
            a.send(new ThinRequest.CreateWriteChannel(qa));
            b.send(new ThinRequest.CreateWriteChannel(qb));
            CreateWriteChannelReply ra = a.next(CreateWriteChannelReply.class);
            CreateWriteChannelReply rb = b.next(CreateWriteChannelReply.class);
            assertThat(ra.queryId()).isEqualTo(qa);
            assertThat(rb.queryId()).isEqualTo(qb);
            assertThat(ra.channelId()).isNotEqualTo(rb.channelId()).isBetween(1, 65535);
            assertThat(a.quiet(Duration.ofMillis(100))).isTrue();
            assertThat(listener.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void everyRequestKindIsAnswered() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial()) {
            // create a write channel and prepare a write
            QueryId q = qid(rng);
            a.send(new ThinRequest.CreateWriteChannel(q));
            CreateWriteChannelReply cw = a.next(CreateWriteChannelReply.class);
            a.send(new ThinRequest.WriteChannel(q, cw.channelId(), Blob.utf8("hello")));
            WriteChannelReply w = a.next(WriteChannelReply.class);
            assertThat(w.errorCode()).isZero();
            // send it: sent event then ACK
            MessageId m = MessageId.random(rng);
            Hash256 courier = Hash256.random(rng);
            a.send(new ThinRequest.SendChannelQuery(m, cw.channelId(), courier, Blob.utf8("courier"),
                    w.sendMessagePayload()));
            assertThat(a.next(ChannelQuerySentEvent.class).messageId()).isEqualTo(m);
            assertThat(a.next(ChannelQueryReplyEvent.class).payload()).isEqualTo(Blob.EMPTY);
            // read side
            a.send(new ThinRequest.CreateReadChannel(q, cw.readCap()));
            CreateReadChannelReply cr = a.next(CreateReadChannelReply.class);
            a.send(new ThinRequest.ReadChannel(cr.channelId(), q, null, 1));
            ReadChannelReply rr = a.next(ReadChannelReply.class);
            assertThat(rr.replyIndex()).isEqualTo(1);
            a.send(new ThinRequest.SendChannelQuery(m, cr.channelId(), courier, Blob.utf8("courier"),
                    rr.sendMessagePayload()));
            a.next(ChannelQuerySentEvent.class);
            assertThat(a.next(MessageReplyEvent.class).payload().asUtf8()).isEqualTo("box content");
            assertThat(a.next(ChannelQueryReplyEvent.class).payload().asUtf8()).isEqualTo("box content");
            // write on a read channel → 6; unknown channel → 7
            a.send(new ThinRequest.WriteChannel(q, cr.channelId(), Blob.EMPTY));
            assertThat(a.next(WriteChannelReply.class).errorCode()).isEqualTo(6);
            // resumes
            a.send(new ThinRequest.ResumeWriteChannel(q, cw.writeCap(), null));
            assertThat(a.next(ResumeWriteChannelReply.class).errorCode()).isZero();
            a.send(new ThinRequest.ResumeWriteChannelQuery(q, cw.writeCap(),
                    org.katzen4j.thinclient.protocol.MessageBoxIndex.of(w.currentMessageIndex().toByteArray()),
                    w.envelopeDescriptor(), w.envelopeHash()));
            assertThat(a.next(ResumeWriteChannelQueryReply.class).errorCode()).isZero();
            a.send(new ThinRequest.ResumeReadChannel(q, cw.readCap(), null, null));
            assertThat(a.next(ResumeReadChannelReply.class).errorCode()).isZero();
            a.send(new ThinRequest.ResumeReadChannelQuery(q, null, null, null, null, null));
            assertThat(a.next(ResumeReadChannelQueryReply.class).errorCode()).isEqualTo(17);
            // close, then the id is unknown
            a.send(new ThinRequest.CloseChannel(cw.channelId()));
            a.send(new ThinRequest.WriteChannel(q, cw.channelId(), Blob.EMPTY));
            assertThat(a.next(WriteChannelReply.class).errorCode()).isEqualTo(7);
            // invalid send_channel_query: a sent event with code 3 instead of an all-null response
            a.send(new ThinRequest.SendChannelQuery(m, null, null, null, null));
            assertThat(a.next(ChannelQuerySentEvent.class).errorCode()).isEqualTo(3);
            // legacy
            SurbId s = SurbId.random(rng);
            a.send(new ThinRequest.SendMessage(null, true, s, courier, Blob.utf8("echo"), Blob.utf8("ping")));
            assertThat(a.next(MessageSentEvent.class).surbId()).isEqualTo(s);
            assertThat(a.next(MessageReplyEvent.class).payload().asUtf8()).isEqualTo("ping");
            a.send(new ThinRequest.SendMessage(null, false, null, courier, Blob.utf8("echo"), Blob.utf8("x")));
            a.send(new ThinRequest.SendArqMessage(m, true, null, courier, Blob.utf8("echo"), Blob.utf8("arq")));
            assertThat(a.next(MessageSentEvent.class).messageId()).isEqualTo(m);
            assertThat(a.next(MessageReplyEvent.class).payload().asUtf8()).isEqualTo("arq");
            assertThat(a.next(MessageIdGarbageCollected.class).messageId()).isEqualTo(m);
            assertThat(engine.seen).hasSize(17);
        }
    }

    /** Many apps issuing requests at once each get exactly their own replies, in order. */
    @Test
    void manyConcurrentAppsGetTheirOwnReplies() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        int apps = 24;
        int perApp = 25;
        java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < apps; i++) {
                results.add(pool.submit(() -> {
                    try (TestApp a = dial()) {
                        java.util.List<QueryId> sent = new java.util.ArrayList<>();
                        for (int k = 0; k < perApp; k++) {
                            QueryId q = qid(rng);
                            sent.add(q);
                            a.send(new ThinRequest.CreateWriteChannel(q));
                        }
                        for (QueryId q : sent) {
                            assertThat(a.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
                        }
                        assertThat(a.quiet(Duration.ofMillis(50))).isTrue();
                        return sent.size();
                    }
                }));
            }
            int total = 0;
            for (var f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(apps * perApp);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // the apps' disconnects are noticed asynchronously (and the engine drops channels before
        // recording the disconnect): wait for both
        while ((engine.channels.size() > 0 || engine.disconnected.size() < apps) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.channels.size()).isZero(); // every app's channels went with it
        assertThat(engine.disconnected).hasSize(apps);
    }

    static byte[] cbor(java.util.function.Consumer<CborWriter> f) {
        CborWriter w = new CborWriter();
        f.accept(w);
        return w.toByteArray();
    }

    /** Each bad input closes only the offending app; a second app keeps working throughout. */
    @Test
    void badInputClosesOnlyTheOffendingConnection() throws Exception {
        start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxFrameSize(1024), false);
        engine.router().pkiDocument(DOC);
        byte[][] bad = {
            Frames.frame(new byte[] {(byte) 0xff, 0x13, 0x37}), // garbage CBOR
            {0, 0, 0x04, 0x01}, // oversized prefix (1025 > 1024)
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // 4 GiB prefix
            Frames.frame(new byte[0]), // empty frame
            Frames.frame(new byte[] {(byte) 0xf6}), // top-level null (crashes the reference daemon)
            Frames.frame(new byte[] {(byte) 0xa0}), // no command (crashes the reference daemon)
            Frames.frame(cbor(w -> w.startMap(1).key("close_channel").startMap(1).key("channel_id").text("7"))),
            Frames.frame(cbor(w -> w.startMap(1).key("create_read_channel").startMap(1).key("read_cap")
                    .bytes(new byte[3]))),
            Frames.frame(cbor(w -> w.startMap(1).key("new_keypair").startMap(0))), // unknown request key
            Frames.frame(cbor(w -> w.startArray(0))), // not a map
        };
        try (TestApp good = dial()) {
            for (byte[] b : bad) {
                try (TestApp evil = dial()) {
                    evil.raw(b);
                    assertThat(evil.closedByServer()).as(java.util.HexFormat.of().formatHex(b)).isTrue();
                }
                QueryId q = qid(rng);
                good.send(new ThinRequest.CreateWriteChannel(q));
                assertThat(good.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
            }
            // truncated frame: the peer hangs up mid-frame
            TestApp cut = dial();
            cut.raw(new byte[] {0, 0, 0, 50, (byte) 0xa1, 0x6a});
            cut.ch.shutdownOutput();
            assertThat(cut.closedByServer()).isTrue();
            cut.close();
            QueryId q = qid(rng);
            good.send(new ThinRequest.CreateWriteChannel(q));
            assertThat(good.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (listener.connectionCount() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(listener.connectionCount()).isEqualTo(1);
            assertThat(engine.disconnected).hasSize(bad.length + 1);
        }
    }

    /** An app that stops reading is disconnected once its queue is full; the others keep going. */
    @Test
    void slowReaderIsDisconnectedWithoutStallingOthers() throws Exception {
        start(ListenerConfig.of("tcp", "127.0.0.1:0").withMaxQueuedFrames(2), false);
        engine.router().pkiDocument(DOC);
        try (TestApp good = dial();
                java.nio.channels.SocketChannel stalled = java.nio.channels.SocketChannel.open(
                        new java.net.InetSocketAddress("127.0.0.1",
                                ((java.net.InetSocketAddress) listener.localAddress()).getPort()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (listener.connectionCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            byte[] big = new byte[512 * 1024];
            int sent = 0;
            // broadcast large documents until the stalled app's socket buffers and queue overflow
            while (listener.connectionCount() == 2 && sent < 200) {
                engine.router().pkiDocument(DOC, big);
                sent++;
                // the good app drains its copy
                assertThat(good.next(NewPkiDocumentEvent.class).payload().length()).isEqualTo(big.length);
            }
            assertThat(listener.connectionCount()).as("after " + sent + " broadcasts").isEqualTo(1);
            assertThat(engine.disconnected.poll(5, TimeUnit.SECONDS)).isNotNull();
            QueryId q = qid(rng);
            good.send(new ThinRequest.CreateWriteChannel(q));
            assertThat(good.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
        }
    }

    @Test
    void thinCloseAndDisconnectCleanOnlyThatAppsState() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp b = dial()) {
            a.send(new ThinRequest.CreateWriteChannel(qid(rng)));
            int chA = a.next(CreateWriteChannelReply.class).channelId();
            b.send(new ThinRequest.CreateWriteChannel(qid(rng)));
            int chB = b.next(CreateWriteChannelReply.class).channelId();
            assertThat(engine.channels.size()).isEqualTo(2);
            a.send(new ThinRequest.ThinClose());
            assertThat(a.closedByServer()).isTrue();
            AppId gone = engine.disconnected.poll(5, TimeUnit.SECONDS);
            assertThat(gone).isNotNull();
            assertThat(engine.channels.size()).isEqualTo(1);
            // b's channel still works; a's is gone
            QueryId q = qid(rng);
            b.send(new ThinRequest.WriteChannel(q, chB, Blob.utf8("x")));
            assertThat(b.next(WriteChannelReply.class).errorCode()).isZero();
            b.send(new ThinRequest.WriteChannel(q, chA, Blob.utf8("x")));
            assertThat(b.next(WriteChannelReply.class).errorCode()).isEqualTo(7);
            assertThat(engine.seen.stream().map(s -> s.request().key())).doesNotContain("thin_close");
        }
    }

    @Test
    void anyAppMayUseAnyLiveChannelIdByDefault() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp b = dial()) {
            a.send(new ThinRequest.CreateWriteChannel(qid(rng)));
            int ch = a.next(CreateWriteChannelReply.class).channelId();
            b.send(new ThinRequest.WriteChannel(qid(rng), ch, Blob.utf8("from b")));
            assertThat(b.next(WriteChannelReply.class).errorCode()).isZero();
        }
    }

    @Test
    void ownershipCanBeEnforced() throws Exception {
        start(ListenerConfig.of("tcp", "127.0.0.1:0"), true);
        engine.router().pkiDocument(DOC);
        try (TestApp a = dial(); TestApp b = dial()) {
            a.send(new ThinRequest.CreateWriteChannel(qid(rng)));
            int ch = a.next(CreateWriteChannelReply.class).channelId();
            b.send(new ThinRequest.WriteChannel(qid(rng), ch, Blob.utf8("from b")));
            assertThat(b.next(WriteChannelReply.class).errorCode()).isEqualTo(7);
            a.send(new ThinRequest.WriteChannel(qid(rng), ch, Blob.utf8("from a")));
            assertThat(a.next(WriteChannelReply.class).errorCode()).isZero();
        }
    }

    @Test
    void shutdownSendsTheShutdownEvent() throws Exception {
        startTcp();
        engine.router().pkiDocument(DOC);
        TestApp a = dial();
        TestApp waiting = TestApp.tcp(listener); // never got its initial pair
        Thread.sleep(100);
        listener.close();
        assertThat(a.next()).isInstanceOf(ShutdownEvent.class);
        assertThat(a.closedByServer()).isTrue();
        assertThat(waiting.closedByServer()).isTrue();
        assertThat(engine.disconnected).hasSize(2);
        a.close();
        waiting.close();
    }

    @Test
    void unixSocketIsOwnerOnlyAndStaleFilesAreReplaced(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("thin.sock");
        // a stale socket: bound then abandoned without unlinking
        ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        stale.bind(UnixDomainSocketAddress.of(sock));
        stale.close();
        assertThat(Files.exists(sock)).isTrue();
        start(ListenerConfig.of("unix", sock.toString()), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(sock); // the private bind directory is gone
        }
        engine.router().pkiDocument(DOC);
        try (TestApp a = new TestApp(UnixDomainSocketAddress.of(sock))) {
            assertThat(a.next()).isInstanceOf(ConnectionStatusEvent.class);
            assertThat(a.next()).isInstanceOf(NewPkiDocumentEvent.class);
            QueryId q = qid(rng);
            a.send(new ThinRequest.CreateWriteChannel(q));
            assertThat(a.next(CreateWriteChannelReply.class).queryId()).isEqualTo(q);
            // a live socket is not replaced
            assertThatThrownBy(() -> ThinListener.start(ListenerConfig.of("unix", sock.toString()),
                    new ScriptedEngine(rng, false))).hasMessageContaining("in use");
        }
        listener.close();
        listener = null;
        assertThat(Files.exists(sock)).isFalse();
        // a regular file is never replaced
        Files.writeString(sock, "not a socket");
        assertThatThrownBy(() -> ThinListener.start(ListenerConfig.of("unix", sock.toString()),
                new ScriptedEngine(rng, false))).hasMessageContaining("not a socket");
    }

    @Test
    void tcpWithoutAHostListensOnLoopbackOnly() throws Exception {
        start(ListenerConfig.of("tcp", ":0"), false);
        java.net.InetSocketAddress a = (java.net.InetSocketAddress) listener.localAddress();
        assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue();
        assertThat(Endpoints.parseTcp("tcp6", ":1").getAddress().isLoopbackAddress()).isTrue();
        assertThat(Endpoints.parseTcp("tcp", "0.0.0.0:1").getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void unsupportedNetworksAndAddresses() {
        assertThatThrownBy(() -> ThinListener.start(ListenerConfig.of("udp", "127.0.0.1:0"),
                new ScriptedEngine(rng, false))).hasMessageContaining("incorrect network type");
        assertThatThrownBy(() -> ThinListener.start(ListenerConfig.of("unix", "@abstract"),
                new ScriptedEngine(rng, false))).hasMessageContaining("abstract");
    }
}
