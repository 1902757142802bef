package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.ctidh.Ctidh1024;
import org.katzen4j.pigeonhole.ctidh.CtidhX25519Nike;
import org.katzen4j.pigeonhole.replica.ReplicaEpochs;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * The real replica NIKE (CTIDH1024-X25519 through the native highctidh build of the pigeonhole
 * module): one write and one read through the fake courier with the service on its own threads,
 * and a check that CTIDH work does not hold up the calling thread. Skipped, with the reason, when
 * the native library is not built.
 */
class CtidhChannelTest {

    @BeforeAll
    static void locateLibrary() {
        if (System.getProperty("katzen4j.ctidh.lib") == null && System.getenv("KATZEN4J_CTIDH_LIB") == null) {
            for (Path p : new Path[] {Path.of("../pigeonhole/target/native/libk4jctidh1024.so"),
                    Path.of("pigeonhole/target/native/libk4jctidh1024.so")}) {
                if (Files.isRegularFile(p)) {
                    System.setProperty("katzen4j.ctidh.lib", p.toAbsolutePath().toString());
                    break;
                }
            }
        }
    }

    @Test
    void writeAndReadWithTheRealReplicaNike() throws Exception {
        assumeTrue(Ctidh1024.isAvailable(), "CTIDH native library unavailable: " + Ctidh1024.unavailableReason());
        SecureRandom rng = new SecureRandom();
        FakeCourierNetwork net = new FakeCourierNetwork(CtidhX25519Nike.INSTANCE, 3, ReplicaEpochs.at(ChannelHarness.NOW),
                99, rng);
        PigeonholeGeometry geo = PigeonholeGeometry.of(1553, CtidhX25519Nike.NAME);
        java.util.concurrent.BlockingQueue<ThinResponse> q = new java.util.concurrent.LinkedBlockingQueue<>();
        try (ChannelService s = ChannelService.withOwnThreads(net, (app, r) -> q.add(r), geo, net.mkem, rng,
                ChannelHarness.CLOCK, Duration.ofMinutes(20), 2, false)) {
            AppId a = AppId.random(rng);
            s.handle(a, new ThinRequest.CreateWriteChannel(null));
            ThinResponse.CreateWriteChannelReply c = (ThinResponse.CreateWriteChannelReply) q.poll(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            s.handle(a, new ThinRequest.WriteChannel(org.katzen4j.thinclient.protocol.QueryId.random(rng), c.channelId(),
                    Blob.utf8("ctidh")));
            long handleMillis = (System.nanoTime() - t0) / 1_000_000;
            // the request thread is free at once; the CTIDH work happens on the crypto executor
            assertThat(handleMillis).isLessThan(300);
            ThinResponse.WriteChannelReply w = (ThinResponse.WriteChannelReply) q.poll(60, TimeUnit.SECONDS);
            assertThat(w).isNotNull();
            System.out.printf("CTIDH write_channel prepared in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(w.errorCode()).isZero();
            assertThat(w.sendMessagePayload().length()).isEqualTo(geo.courierQueryWriteLength());
            for (int i = 0; i < 2; i++) {
                s.handle(a, new ThinRequest.SendChannelQuery(org.katzen4j.thinclient.protocol.MessageId.random(rng),
                        c.channelId(), org.katzen4j.thinclient.protocol.Hash256.of(new byte[32]), Blob.utf8("courier"),
                        w.sendMessagePayload()));
                assertThat(q.poll(60, TimeUnit.SECONDS)).isInstanceOf(ThinResponse.ChannelQuerySentEvent.class);
                assertThat(q.poll(60, TimeUnit.SECONDS)).isInstanceOf(ThinResponse.ChannelQueryReplyEvent.class);
            }
            s.handle(a, new ThinRequest.CreateReadChannel(org.katzen4j.thinclient.protocol.QueryId.random(rng), c.readCap()));
            int r = ((ThinResponse.CreateReadChannelReply) q.poll(10, TimeUnit.SECONDS)).channelId();
            s.handle(a, new ThinRequest.ReadChannel(r, null, null, null));
            ThinResponse.ReadChannelReply rr = (ThinResponse.ReadChannelReply) q.poll(60, TimeUnit.SECONDS);
            assertThat(rr.errorCode()).isZero();
            String got = "";
            for (int i = 0; i < 2; i++) {
                s.handle(a, new ThinRequest.SendChannelQuery(org.katzen4j.thinclient.protocol.MessageId.random(rng), r,
                        org.katzen4j.thinclient.protocol.Hash256.of(new byte[32]), Blob.utf8("courier"),
                        rr.sendMessagePayload()));
                ThinResponse x;
                do {
                    x = q.poll(60, TimeUnit.SECONDS);
                } while (!(x instanceof ThinResponse.ChannelQueryReplyEvent));
                got = ((ThinResponse.ChannelQueryReplyEvent) x).payload().asUtf8();
            }
            assertThat(got).isEqualTo("ctidh");
        }
    }
}
