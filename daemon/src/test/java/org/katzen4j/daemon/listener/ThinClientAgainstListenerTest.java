package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.Subscription;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.*;

/** The Java thin-client library against our listener backed by the scripted engine. */
class ThinClientAgainstListenerTest {
    static final Duration T = Duration.ofSeconds(5);
    final SecureRandom rng = new SecureRandom();
    ScriptedEngine engine;
    ThinListener listener;

    @BeforeEach
    void start() throws Exception {
        engine = new ScriptedEngine(rng, false);
        listener = ThinListener.start(ListenerConfig.of("tcp", "127.0.0.1:0"), engine, rng, false);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    ThinClientConfig config() {
        return new ThinClientConfig("tcp", listener.addressString(), Geometry.nike("x25519", 2000, 5),
                new PigeonholeGeometry(ScriptedEngine.MAX_PLAINTEXT, 0, 0, 0, 0, "x25519", "Ed25519"));
    }

    ThinClient dial() throws ThinClientException {
        return ThinClient.dial(config(), ThinClient.Options.defaults().withDialTimeout(T));
    }

    void ready() {
        engine.router().connectionStatus(true);
        engine.router().pkiDocument(TestDocs.body().encodeCanonical(), TestDocs.body().encodeDefault());
    }

    @Test
    void dialDocumentServicesAndLegacySends() throws Exception {
        ready();
        try (ThinClient c = dial()) {
            assertThat(c.isConnected()).isTrue();
            assertThat(c.pkiDocument()).isPresent();
            assertThat(c.pkiDocument().get().epoch()).isEqualTo(100);
            assertThat(c.getServices("echo")).hasSize(2);
            Destination courier = c.getCourierDestination();
            assertThat(courier.nodeName()).isEqualTo("svc1");
            assertThat(courier.queueId().asUtf8()).isEqualTo("+courier");
            assertThatThrownBy(() -> c.getService("nope")).isInstanceOf(ThinClientException.class)
                    .extracting(e -> ((ThinClientException) e).kind()).isEqualTo(ThinClientException.Kind.NO_SERVICE);

            Destination echo = c.getService("echo");
            byte[] reply = c.blockingSendMessage("ping".getBytes(StandardCharsets.UTF_8), echo, T);
            assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("ping");
            byte[] arq = c.blockingSendReliableMessage(c.newMessageId(), "arq".getBytes(StandardCharsets.UTF_8), echo, T);
            assertThat(new String(arq, StandardCharsets.UTF_8)).isEqualTo("arq");
            // without reply: the safe default sends a SURB (a v0.0.71 daemon would crash otherwise)
            c.sendMessageWithoutReply(new byte[] {1}, echo);
            ScriptedEngine.Seen last = null;
            for (int i = 0; i < 50 && (last == null || !last.request().key().equals("send_message")
                    || engine.seen.size() < 3); i++) {
                Thread.sleep(20);
                last = engine.seen.stream().reduce((a, b) -> b).orElse(null);
            }
            assertThat(((org.katzen4j.thinclient.protocol.ThinRequest.SendMessage) last.request()).withSurb())
                    .isTrue();
            // the legacy payload bound comes from the Sphinx geometry
            assertThatThrownBy(() -> c.sendMessage(c.newSurbId(), new byte[3000], echo))
                    .hasMessageContaining("UserForwardPayloadLength");
        }
    }

    @Test
    void overAUnixSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ScriptedEngine e2 = new ScriptedEngine(rng, false);
        String path = dir.resolve("k.sock").toString();
        try (ThinListener unix = ThinListener.start(ListenerConfig.of("unix", path), e2, rng, true)) {
            e2.router().pkiDocument(TestDocs.body().encodeCanonical());
            ThinClientConfig cfg = new ThinClientConfig("unix", path, Geometry.nike("x25519", 2000, 5),
                    new PigeonholeGeometry(ScriptedEngine.MAX_PLAINTEXT, 0, 0, 0, 0, "x25519", "Ed25519"));
            try (ThinClient c = ThinClient.dial(cfg, ThinClient.Options.defaults().withDialTimeout(T))) {
                assertThat(c.isConnected()).isTrue();
                assertThat(c.pkiDocumentForEpoch(100).epoch()).isEqualTo(100);
                byte[] r = c.blockingSendMessage("unix".getBytes(StandardCharsets.UTF_8), c.getService("echo"), T);
                assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("unix");
            }
        }
    }

    @Test
    void pigeonholeChannelCalls() throws Exception {
        ready();
        try (ThinClient c = dial(); Subscription sub = c.events(100)) {
            Destination courier = c.getCourierDestination();
            CreateWriteChannelReply w = ThinClient.await(c.createWriteChannel(), T);
            WriteChannelReply wr = ThinClient.await(c.writeChannel(w.channelId(), "hi".getBytes()), T);
            byte[] ack = c.sendChannelQueryAwaitReply(w.channelId(), wr.sendMessagePayload().toByteArray(), courier,
                    null, T);
            assertThat(ack).isEmpty();

            int reader = ThinClient.await(c.createReadChannel(w.readCap()), T).channelId();
            ReadChannelReply rr = ThinClient.await(c.readChannel(reader, null, 1), T);
            assertThat(rr.replyIndex()).isEqualTo(1);
            MessageId m = c.newMessageId();
            byte[] box = c.sendChannelQueryAwaitReply(reader, rr.sendMessagePayload().toByteArray(), courier, m, T);
            assertThat(new String(box, StandardCharsets.UTF_8)).isEqualTo("box content");
            ChannelQuerySentEvent sent = ThinClient.await(c.sendChannelQuery(reader,
                    rr.sendMessagePayload().toByteArray(), courier, null), T);
            assertThat(sent.errorCode()).isZero();

            int resumedW = ThinClient.await(c.resumeWriteChannel(w.writeCap(),
                    MessageBoxIndex.of(wr.nextMessageIndex().toByteArray())), T);
            int resumedWq = ThinClient.await(c.resumeWriteChannelQuery(w.writeCap(),
                    MessageBoxIndex.of(wr.currentMessageIndex().toByteArray()), wr.envelopeDescriptor().toByteArray(),
                    wr.envelopeHash()), T);
            int resumedR = ThinClient.await(c.resumeReadChannel(w.readCap(), null, null), T);
            int resumedRq = ThinClient.await(c.resumeReadChannelQuery(w.readCap(),
                    MessageBoxIndex.of(rr.nextMessageIndex().toByteArray()), 0, rr.envelopeDescriptor().toByteArray(),
                    rr.envelopeHash()), T);
            assertThat(java.util.Set.of(w.channelId(), reader, resumedW, resumedWq, resumedR, resumedRq)).hasSize(6);

            // errors surface with the daemon's code
            ThinClientException e = org.junit.jupiter.api.Assertions.assertThrows(ThinClientException.class,
                    () -> ThinClient.await(c.resumeReadChannelQuery(w.readCap(), null, null, null, null), T));
            assertThat(e.errorCode()).isEqualTo(17);
            c.closeChannel(w.channelId());
            e = org.junit.jupiter.api.Assertions.assertThrows(ThinClientException.class,
                    () -> ThinClient.await(c.writeChannel(w.channelId(), new byte[1]), T));
            assertThat(e.errorCode()).isEqualTo(7);
            assertThat(e.getMessage()).contains("Channel not found");
            // local bound from the pigeonhole geometry
            assertThatThrownBy(() -> ThinClient.await(c.writeChannel(reader, new byte[ScriptedEngine.MAX_PLAINTEXT + 1]), T))
                    .hasMessageContaining("MaxPlaintextPayloadLength");

            // every response also reached the subscriber, in order
            BlockingQueue<ThinResponse> q = sub.queue();
            assertThat(q.poll(1, TimeUnit.SECONDS)).isInstanceOf(CreateWriteChannelReply.class);
            assertThat(q.poll(1, TimeUnit.SECONDS)).isInstanceOf(WriteChannelReply.class);
            assertThat(q.poll(1, TimeUnit.SECONDS)).isInstanceOf(ChannelQuerySentEvent.class);
            assertThat(q.poll(1, TimeUnit.SECONDS)).isInstanceOf(ChannelQueryReplyEvent.class);
        }
    }

    @Test
    void timeoutsCancelAndCallbacksSeeStatusChanges() throws Exception {
        ready();
        engine.silent.add("create_write_channel");
        try (ThinClient c = dial()) {
            CopyOnWriteArrayList<ThinResponse> seen = new CopyOnWriteArrayList<>();
            Subscription sub = c.subscribe(seen::add);
            ThinClientException e = org.junit.jupiter.api.Assertions.assertThrows(ThinClientException.class,
                    () -> ThinClient.await(c.createWriteChannel(), Duration.ofMillis(200)));
            assertThat(e.kind()).isEqualTo(ThinClientException.Kind.TIMEOUT);
            CompletableFuture<CreateWriteChannelReply> f = c.createWriteChannel();
            f.cancel(true);
            assertThat(f).isCancelled();
            engine.router().connectionStatus(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(c.isConnected()).isFalse();
            assertThatThrownBy(() -> c.sendMessage(c.newSurbId(), new byte[1], c.getService("echo")))
                    .extracting(x -> ((ThinClientException) x).kind()).isEqualTo(ThinClientException.Kind.NOT_CONNECTED);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen).hasSize(1).first().isEqualTo(new ConnectionStatusEvent(false));
            sub.close();
        }
    }

    @Test
    void dialWaitsForTheDaemonsDocumentAndShutdownEndsTheClient() throws Exception {
        // no document yet: the listener holds the initial frames, so a short dial times out
        ThinClientException e = org.junit.jupiter.api.Assertions.assertThrows(ThinClientException.class,
                () -> ThinClient.dial(config(), ThinClient.Options.defaults().withDialTimeout(Duration.ofMillis(300))));
        assertThat(e.kind()).isEqualTo(ThinClientException.Kind.TIMEOUT);
        CompletableFuture<ThinClient> dialing = CompletableFuture.supplyAsync(() -> {
            try {
                return dial();
            } catch (ThinClientException x) {
                throw new RuntimeException(x);
            }
        }, r -> Thread.ofVirtual().start(r));
        Thread.sleep(200);
        ready();
        ThinClient c = dialing.get(5, TimeUnit.SECONDS);
        assertThat(c.pkiDocument()).isPresent();
        Subscription sub = c.events(10);
        CompletableFuture<CreateWriteChannelReply> pending;
        engine.silent.add("create_write_channel");
        pending = c.createWriteChannel();
        Thread.sleep(100);
        listener.close();
        c.halted().get(5, TimeUnit.SECONDS);
        assertThat(sub.queue().poll(1, TimeUnit.SECONDS)).isInstanceOf(ShutdownEvent.class);
        assertThatThrownBy(() -> ThinClient.await(pending, T)).extracting(x -> ((ThinClientException) x).kind())
                .isEqualTo(ThinClientException.Kind.CONNECTION_CLOSED);
        c.close();
    }
}
