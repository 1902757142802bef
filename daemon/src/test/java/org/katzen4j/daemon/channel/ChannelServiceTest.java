package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.query.EnvelopeDescriptor;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/** The channel commands against the fake courier and replicas: happy paths and ordering. */
class ChannelServiceTest {

    private static SecureRandom rng(String label) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void aliceWritesBobReadsFromBothReplicas() throws Exception {
        SecureRandom rng = rng("alice bob");
        for (int replicas : new int[] {2, 3, 5}) {
            ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, replicas), rng, false, false);
            AppId alice = h.newApp();
            AppId bob = h.newApp();
            ThinResponse.CreateWriteChannelReply created = h.createWrite(alice);
            assertThat(created.readCap().length()).isEqualTo(136);
            assertThat(created.writeCap().length()).isEqualTo(168);
            assertThat(created.writeCap().readCap()).isEqualTo(created.readCap());

            ThinResponse.WriteChannelReply w = h.write(alice, created.channelId(), "hello Bob");
            // the first write targets the capability's first index; next is the index after it
            byte[] first = Arrays.copyOfRange(created.readCap().toByteArray(), 32, 136);
            assertThat(w.currentMessageIndex().toByteArray()).isEqualTo(first);
            assertThat(ChannelHarness.index(w.nextMessageIndex()).counter())
                    .isEqualTo(ChannelHarness.index(w.currentMessageIndex()).counter() + 1);
            assertThat(w.sendMessagePayload().length()).isEqualTo(ChannelHarness.GEO.courierQueryWriteLength());
            assertThat(w.envelopeHash().toByteArray()).isNotEqualTo(new byte[32]);
            EnvelopeDescriptor d = EnvelopeDescriptor.decode(w.envelopeDescriptor().toByteArray());
            assertThat(d.epoch()).isEqualTo(h.net.pkiEpoch);
            assertThat(d.targetIndex()).isEqualTo(first);
            assertThat(h.net.store).isEmpty(); // nothing is sent by write_channel
            h.sendWrite(alice, created.channelId(), w);
            assertThat(h.net.store).hasSize(1);

            int bobCh = h.createRead(bob, created.readCap());
            ThinResponse.ReadChannelReply r = h.read(bob, bobCh, null, null);
            assertThat(r.replyIndex()).isNull();
            assertThat(r.currentMessageIndex()).isEqualTo(w.currentMessageIndex());
            assertThat(r.nextMessageIndex()).isEqualTo(w.nextMessageIndex());
            assertThat(r.sendMessagePayload().length()).isEqualTo(ChannelHarness.GEO.courierQueryReadLength());
            assertThat(h.sendRead(bob, bobCh, r.sendMessagePayload())).isEqualTo("hello Bob");

            // the second replica: same box, reply_index 1
            ThinResponse.ReadChannelReply r1 = h.read(bob, bobCh, ChannelHarness.index(r.currentMessageIndex()), 1);
            assertThat(r1.replyIndex()).isEqualTo(1);
            assertThat(r1.currentMessageIndex()).isEqualTo(r.currentMessageIndex());
            h.send(bob, bobCh, r1.sendMessagePayload()); // ACK
            ThinResponse.ChannelQueryReplyEvent e = h.send(bob, bobCh, r1.sendMessagePayload());
            assertThat(e.replyIndex()).isEqualTo(1);
            assertThat(e.payload().asUtf8()).isEqualTo("hello Bob");
            h.assertQuiet(alice);
            h.assertQuiet(bob);
        }
    }

    @Test
    void multiMessageChannelsDeliverInOrderAndAnEmptyBoxReadsAsEmpty() throws Exception {
        SecureRandom rng = rng("ordering");
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 4), rng, false, false);
        AppId alice = h.newApp();
        AppId bob = h.newApp();
        ThinResponse.CreateWriteChannelReply c = h.createWrite(alice);
        long firstCounter = -1;
        for (int i = 0; i < 4; i++) {
            ThinResponse.WriteChannelReply w = h.write(alice, c.channelId(), "message " + i);
            long counter = ChannelHarness.index(w.currentMessageIndex()).counter();
            if (i == 0) {
                firstCounter = counter;
            }
            assertThat(counter).isEqualTo(firstCounter + i); // each prepared write owns the next box
            h.sendWrite(alice, c.channelId(), w);
        }
        assertThat(h.net.store).hasSize(4);
        int bobCh = h.createRead(bob, c.readCap());
        for (int i = 0; i < 4; i++) {
            ThinResponse.ReadChannelReply r = h.read(bob, bobCh, null, null);
            assertThat(ChannelHarness.index(r.currentMessageIndex()).counter()).isEqualTo(firstCounter + i);
            assertThat(h.sendRead(bob, bobCh, r.sendMessagePayload())).isEqualTo("message " + i);
        }
        // nothing written yet at the fifth box: empty payload, error 0, and the reader stays put
        ThinResponse.ReadChannelReply r = h.read(bob, bobCh, null, null);
        assertThat(h.sendRead(bob, bobCh, r.sendMessagePayload())).isEmpty();
        ThinResponse.ReadChannelReply again = h.read(bob, bobCh, null, null);
        assertThat(again.currentMessageIndex()).isEqualTo(r.currentMessageIndex());
        // Alice writes it; a fresh read envelope (the courier caches "not found" forever) finds it
        h.sendWrite(alice, c.channelId(), h.write(alice, c.channelId(), "late"));
        assertThat(h.sendRead(bob, bobCh, again.sendMessagePayload())).isEqualTo("late");
    }

    @Test
    void emptyAndMaximalMessages() throws Exception {
        SecureRandom rng = rng("sizes");
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, false, false);
        AppId a = h.newApp();
        ThinResponse.CreateWriteChannelReply c = h.createWrite(a);
        String max = "x".repeat(ChannelHarness.GEO.maxPlaintextPayloadLength());
        ThinResponse.WriteChannelReply w0 = h.write(a, c.channelId(), "");
        ThinResponse.WriteChannelReply w1 = h.write(a, c.channelId(), max);
        h.sendWrite(a, c.channelId(), w0);
        h.sendWrite(a, c.channelId(), w1);
        int r = h.createRead(a, c.readCap());
        ThinResponse.ReadChannelReply r0 = h.read(a, r, null, null);
        // an empty message is indistinguishable from "not found" on the wire of v0.0.71: the reader
        // still moves past it because it decrypted
        h.send(a, r, r0.sendMessagePayload());
        ThinResponse.ChannelQueryReplyEvent e = h.send(a, r, r0.sendMessagePayload());
        assertThat(e.payload()).isEqualTo(Blob.EMPTY);
        assertThat(e.replyIndex()).isNotNull();
        ThinResponse.ReadChannelReply r1 = h.read(a, r, null, null);
        assertThat(r1.currentMessageIndex()).isEqualTo(w1.currentMessageIndex());
        assertThat(h.sendRead(a, r, r1.sendMessagePayload())).isEqualTo(max);
    }

    @Test
    void withDedicatedThreadsRepliesArriveAndOrderHolds() throws Exception {
        SecureRandom rng = rng("threads");
        try (ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 3), rng, false, true)) {
            AppId a = h.newApp();
            ThinResponse.CreateWriteChannelReply c = h.createWrite(a);
            // several writes issued back to back: boxes are reserved in request order
            QueryId[] q = new QueryId[3];
            for (int i = 0; i < 3; i++) {
                q[i] = h.qid();
                h.service.handle(a, new ThinRequest.WriteChannel(q[i], c.channelId(), Blob.utf8("m" + i)));
            }
            ThinResponse.WriteChannelReply[] byQuery = new ThinResponse.WriteChannelReply[3];
            for (int i = 0; i < 3; i++) {
                ThinResponse.WriteChannelReply w = h.next(a, ThinResponse.WriteChannelReply.class);
                for (int k = 0; k < 3; k++) {
                    if (q[k].equals(w.queryId())) {
                        byQuery[k] = w;
                    }
                }
            }
            long base = ChannelHarness.index(byQuery[0].currentMessageIndex()).counter();
            for (int i = 0; i < 3; i++) {
                assertThat(ChannelHarness.index(byQuery[i].currentMessageIndex()).counter()).isEqualTo(base + i);
                h.sendWrite(a, c.channelId(), byQuery[i]);
            }
            int r = h.createRead(a, c.readCap());
            for (int i = 0; i < 3; i++) {
                assertThat(h.sendRead(a, r, h.read(a, r, null, null).sendMessagePayload())).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void anyAppMayUseALiveChannelByDefault() throws Exception {
        SecureRandom rng = rng("sharing");
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, false, false);
        AppId a = h.newApp();
        AppId b = h.newApp();
        ThinResponse.CreateWriteChannelReply c = h.createWrite(a);
        ThinResponse.WriteChannelReply w = h.write(b, c.channelId(), "from b"); // b uses a's channel
        h.sendWrite(b, c.channelId(), w);
        int r = h.createRead(a, c.readCap());
        assertThat(h.sendRead(b, r, h.read(b, r, null, null).sendMessagePayload())).isEqualTo("from b");
    }

    @Test
    void ownershipCanBeEnforced() throws Exception {
        SecureRandom rng = rng("owned");
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, true, false);
        AppId a = h.newApp();
        AppId b = h.newApp();
        ThinResponse.CreateWriteChannelReply c = h.createWrite(a);
        QueryId q = h.qid();
        h.service.handle(b, new ThinRequest.WriteChannel(q, c.channelId(), Blob.utf8("x")));
        ThinResponse.WriteChannelReply w = h.next(b, ThinResponse.WriteChannelReply.class);
        assertThat(w.errorCode()).isEqualTo(ErrorCode.CHANNEL_NOT_FOUND.code());
        assertThat(w.queryId()).isEqualTo(q);
        h.service.handle(b, new ThinRequest.CloseChannel(c.channelId())); // cannot close it either
        assertThat(h.write(a, c.channelId(), "still mine").errorCode()).isZero();
        h.service.handle(a, new ThinRequest.CloseChannel(c.channelId()));
        h.service.appDisconnected(a);
        assertThat(h.service.channelCount()).isZero();
    }

    @Test
    void replyForAClosedChannelIsAnInternalError() throws Exception {
        SecureRandom rng = rng("closed");
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, false, false);
        AppId a = h.newApp();
        ThinResponse.CreateWriteChannelReply c = h.createWrite(a);
        ThinResponse.WriteChannelReply w = h.write(a, c.channelId(), "x");
        // deliver a courier reply for a channel that no longer exists (as after close_channel)
        h.service.handle(a, new ThinRequest.CloseChannel(c.channelId()));
        MessageId m = MessageId.random(rng);
        h.service.onReply(a, m, c.channelId(), new byte[2000]);
        ThinResponse.ChannelQueryReplyEvent e = h.next(a, ThinResponse.ChannelQueryReplyEvent.class);
        assertThat(e.payload()).isNull();
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        assertThat(w.errorCode()).isZero();
    }

    static ReadCap badPointReadCap(ReadCap good) {
        byte[] b = good.toByteArray();
        for (int y = 2; y < 1000; y++) {
            Arrays.fill(b, 0, 32, (byte) 0);
            b[0] = (byte) y;
            b[1] = (byte) (y >> 8);
            try {
                org.katzen4j.pigeonhole.bacap.ReadCap.fromBytes(b);
            } catch (Exception e) {
                return ReadCap.of(b);
            }
        }
        throw new AssertionError("no invalid point found");
    }

    static WriteCap mismatchedWriteCap(WriteCap good) {
        byte[] b = good.toByteArray();
        b[40] ^= 1; // public half no longer matches the seed
        return WriteCap.of(b);
    }

    static Hash256 hash(byte[] b) {
        return Hash256.of(b);
    }

    static MessageBoxIndex idx(Blob b) {
        return MessageBoxIndex.of(b.toByteArray());
    }

    static byte[] ctx() {
        return Bacap.pigeonholeContext();
    }
}
