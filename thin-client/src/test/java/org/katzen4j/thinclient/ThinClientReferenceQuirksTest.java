package org.katzen4j.thinclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.CreateWriteChannelReply;

/**
 * The client against a hand-driven socket that behaves like the v0.0.71 Go daemon in its odd
 * cases: a status frame without a document, an all-null response, create_* errors without
 * query_id.
 */
class ThinClientReferenceQuirksTest {
    static final java.util.concurrent.Executor VT = r -> Thread.ofVirtual().start(r);
    ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    ThinClientConfig config() {
        return new ThinClientConfig("tcp", "127.0.0.1:" + server.getLocalPort(), Geometry.nike("x25519", 2000, 5),
                new PigeonholeGeometry(1000, 0, 0, 0, 0, "x25519", "Ed25519"));
    }

    static void send(OutputStream out, byte[] body) throws IOException {
        out.write(Frames.frame(body));
        out.flush();
    }

    static ThinRequest read(InputStream in) throws Exception {
        return ThinRequest.decode(Frames.read(in, Frames.DEFAULT_MAX_FRAME));
    }

    @Test
    void documentlessStatusAllNullResponseAndNullQueryIdErrors() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, VT);
        CompletableFuture<ThinClient> dial = CompletableFuture.supplyAsync(() -> {
            try {
                return ThinClient.dial(config(), ThinClient.Options.defaults().withDialTimeout(Duration.ofMillis(300)));
            } catch (ThinClientException e) {
                throw new RuntimeException(e);
            }
        }, VT);
        try (Socket s = accepted.get(5, TimeUnit.SECONDS)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new DataInputStream(s.getInputStream());
            // a v0.0.71 daemon without a document sends the status alone: dial still succeeds
            send(out, new ThinResponse.ConnectionStatusEvent(true).encode());
            ThinClient c = dial.get(5, TimeUnit.SECONDS);
            assertThat(c.isConnected()).isTrue();
            assertThat(c.pkiDocument()).isEmpty();
            assertThat(assertThrows(ThinClientException.class, () -> c.getService("echo")).kind())
                    .isEqualTo(ThinClientException.Kind.NO_DOCUMENT);

            // an all-null response is ignored
            Subscription sub = c.events(10);
            send(out, ThinResponse.encodeAllNull());

            // create_write_channel error without query_id goes to the oldest waiting create
            CompletableFuture<CreateWriteChannelReply> first = c.createWriteChannel();
            CompletableFuture<CreateWriteChannelReply> second = c.createWriteChannel();
            ThinRequest.CreateWriteChannel r1 = (ThinRequest.CreateWriteChannel) read(in);
            ThinRequest.CreateWriteChannel r2 = (ThinRequest.CreateWriteChannel) read(in);
            send(out, new CreateWriteChannelReply(null, 0, null, null, 19).encode());
            ThinClientException e = assertThrows(ThinClientException.class,
                    () -> ThinClient.await(first, Duration.ofSeconds(5)));
            assertThat(e.errorCode()).isEqualTo(19);
            assertThat(e.getMessage()).contains("Unknown thin client error code: 19");
            assertThat(second).isNotDone();
            // a reply for another query id does not complete it; its own does
            send(out, new CreateWriteChannelReply(r1.queryId(), 5, null, null, 0).encode());
            send(out, new CreateWriteChannelReply(r2.queryId(), 6, null, null, 0).encode());
            assertThat(ThinClient.await(second, Duration.ofSeconds(5)).channelId()).isEqualTo(6);
            // the subscriber saw the three replies but not the all-null frame
            assertThat(sub.queue().poll(1, TimeUnit.SECONDS)).isInstanceOf(CreateWriteChannelReply.class);

            // close sends thin_close
            c.close();
            assertThat(read(in)).isEqualTo(new ThinRequest.ThinClose());
            assertThat(c.halted()).isDone();
        }
    }

    @Test
    void noStatusMeansDialTimesOut() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ThinClientException e = assertThrows(ThinClientException.class, () -> ThinClient.dial(config(),
                ThinClient.Options.defaults().withDialTimeout(Duration.ofMillis(200))));
        assertThat(e.kind()).isEqualTo(ThinClientException.Kind.TIMEOUT);
    }
}
