package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/** Every error reply: its code, the echoed query id, and that nothing else is disturbed. */
class ChannelErrorsTest {
    private SecureRandom rng;
    private ChannelHarness h;
    private AppId a;
    private AppId other;
    private ThinResponse.CreateWriteChannelReply wc;
    private int readCh;

    @BeforeEach
    void setUp() throws Exception {
        rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(42);
        h = new ChannelHarness(ChannelHarness.network(rng, 3), rng, false, false);
        a = h.newApp();
        other = h.newApp();
        wc = h.createWrite(a);
        readCh = h.createRead(a, wc.readCap());
    }

    private void afterwardsEverythingStillWorks() throws Exception {
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "still fine");
        h.sendWrite(a, wc.channelId(), w);
        ThinResponse.ReadChannelReply r = h.read(a, readCh, idx(w.currentMessageIndex()), null);
        assertThat(h.sendRead(a, readCh, r.sendMessagePayload())).isEqualTo("still fine");
        h.assertQuiet(a);
        h.assertQuiet(other);
    }

    private static MessageBoxIndex idx(Blob b) {
        return MessageBoxIndex.of(b.toByteArray());
    }

    private ThinResponse.WriteChannelReply writeReply(ThinRequest.WriteChannel req) throws Exception {
        h.service.handle(a, req);
        ThinResponse.WriteChannelReply r = h.next(a, ThinResponse.WriteChannelReply.class);
        assertThat(r.queryId()).isEqualTo(req.queryId());
        assertThat(r.channelId()).isEqualTo(req.channelId());
        assertThat(r.sendMessagePayload()).isEqualTo(Blob.EMPTY);
        assertThat(r.envelopeHash().toByteArray()).isEqualTo(new byte[32]);
        return r;
    }

    private ThinResponse.ReadChannelReply readReply(ThinRequest.ReadChannel req) throws Exception {
        h.service.handle(a, req);
        ThinResponse.ReadChannelReply r = h.next(a, ThinResponse.ReadChannelReply.class);
        assertThat(r.queryId()).isEqualTo(req.queryId());
        assertThat(r.sendMessagePayload()).isEqualTo(Blob.EMPTY);
        assertThat(r.replyIndex()).isNull();
        return r;
    }

    @Test
    void writeChannelErrors() throws Exception {
        QueryId q = h.qid();
        assertThat(writeReply(new ThinRequest.WriteChannel(q, 0, Blob.utf8("x"))).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(writeReply(new ThinRequest.WriteChannel(q, wc.channelId(), null)).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        int unknown = wc.channelId() == 1 ? 2 : 1;
        if (unknown == readCh) {
            unknown = 3;
        }
        assertThat(writeReply(new ThinRequest.WriteChannel(q, unknown, Blob.utf8("x"))).errorCode())
                .isEqualTo(ErrorCode.CHANNEL_NOT_FOUND.code());
        assertThat(writeReply(new ThinRequest.WriteChannel(q, readCh, Blob.utf8("x"))).errorCode())
                .isEqualTo(ErrorCode.INVALID_CHANNEL.code());
        Blob tooLarge = Blob.of(new byte[ChannelHarness.GEO.maxPlaintextPayloadLength() + 1]);
        assertThat(writeReply(new ThinRequest.WriteChannel(q, wc.channelId(), tooLarge)).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        h.net.documentAvailable = false;
        assertThat(writeReply(new ThinRequest.WriteChannel(q, wc.channelId(), Blob.utf8("x"))).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        h.net.documentAvailable = true;
        // none of the failures consumed a box: the next write still targets the first index
        ThinResponse.WriteChannelReply ok = h.write(a, wc.channelId(), "first");
        assertThat(idx(ok.currentMessageIndex()).toByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(wc.readCap().toByteArray(), 32, 136));
        h.sendWrite(a, wc.channelId(), ok);
        afterwardsEverythingStillWorks();
    }

    @Test
    void aFailedPreparationGivesItsBoxBack() throws Exception {
        h.net.replicas.clear(); // a document with no storage replicas: preparation fails
        QueryId q = h.qid();
        assertThat(writeReply(new ThinRequest.WriteChannel(q, wc.channelId(), Blob.utf8("x"))).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        assertThat(readReply(new ThinRequest.ReadChannel(readCh, q, null, null)).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
    }

    @Test
    void readChannelErrors() throws Exception {
        QueryId q = h.qid();
        int unknown = 1;
        while (unknown == readCh || unknown == wc.channelId()) {
            unknown++;
        }
        assertThat(readReply(new ThinRequest.ReadChannel(unknown, q, null, null)).errorCode())
                .isEqualTo(ErrorCode.CHANNEL_NOT_FOUND.code());
        assertThat(readReply(new ThinRequest.ReadChannel(wc.channelId(), q, null, null)).errorCode())
                .isEqualTo(ErrorCode.INVALID_CHANNEL.code());
        // reply_index 2 would crash the reference courier: refused
        assertThat(readReply(new ThinRequest.ReadChannel(readCh, q, null, 2)).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        h.net.documentAvailable = false;
        assertThat(readReply(new ThinRequest.ReadChannel(readCh, q, null, 0)).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        h.net.documentAvailable = true;
        afterwardsEverythingStillWorks();
    }

    @Test
    void capabilityErrors() throws Exception {
        QueryId q = h.qid();
        h.service.handle(a, new ThinRequest.CreateReadChannel(q, null));
        ThinResponse.CreateReadChannelReply cr = h.next(a, ThinResponse.CreateReadChannelReply.class);
        assertThat(cr.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(cr.queryId()).isEqualTo(q);
        assertThat(cr.channelId()).isZero();

        h.service.handle(a, new ThinRequest.CreateReadChannel(q, ChannelServiceTest.badPointReadCap(wc.readCap())));
        cr = h.next(a, ThinResponse.CreateReadChannelReply.class);
        assertThat(cr.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(cr.queryId()).isEqualTo(q);

        h.service.handle(a, new ThinRequest.ResumeReadChannel(q, ChannelServiceTest.badPointReadCap(wc.readCap()), null,
                null));
        ThinResponse.ResumeReadChannelReply rr = h.next(a, ThinResponse.ResumeReadChannelReply.class);
        assertThat(rr.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(rr.queryId()).isEqualTo(q);

        h.service.handle(a, new ThinRequest.ResumeWriteChannel(q, ChannelServiceTest.mismatchedWriteCap(wc.writeCap()),
                null));
        ThinResponse.ResumeWriteChannelReply rw = h.next(a, ThinResponse.ResumeWriteChannelReply.class);
        assertThat(rw.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(rw.queryId()).isEqualTo(q);
        assertThat(rw.channelId()).isZero();
        assertThat(h.service.channelCount()).isEqualTo(2);
        afterwardsEverythingStillWorks();
    }

    @Test
    void resumeMissingFieldsAndBadDescriptors() throws Exception {
        QueryId q = h.qid();
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "x");
        MessageBoxIndex cur = idx(w.currentMessageIndex());

        h.service.handle(a, new ThinRequest.ResumeWriteChannel(q, null, null));
        assertThat(h.next(a, ThinResponse.ResumeWriteChannelReply.class).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code()); // v0.0.71 uses 4 here
        h.service.handle(a, new ThinRequest.ResumeWriteChannelQuery(q, wc.writeCap(), null, w.envelopeDescriptor(),
                w.envelopeHash()));
        ThinResponse.ResumeWriteChannelQueryReply rwq = h.next(a, ThinResponse.ResumeWriteChannelQueryReply.class);
        assertThat(rwq.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        assertThat(rwq.queryId()).isEqualTo(q);
        h.service.handle(a, new ThinRequest.ResumeWriteChannelQuery(q, wc.writeCap(), cur, Blob.utf8("not cbor"),
                w.envelopeHash()));
        assertThat(h.next(a, ThinResponse.ResumeWriteChannelQueryReply.class).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());

        h.service.handle(a, new ThinRequest.ResumeReadChannel(q, null, null, null));
        assertThat(h.next(a, ThinResponse.ResumeReadChannelReply.class).errorCode())
                .isEqualTo(ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST.code());
        h.service.handle(a, new ThinRequest.ResumeReadChannelQuery(q, wc.readCap(), null, null, w.envelopeDescriptor(),
                w.envelopeHash()));
        ThinResponse.ResumeReadChannelQueryReply rrq = h.next(a, ThinResponse.ResumeReadChannelQueryReply.class);
        assertThat(rrq.errorCode()).isEqualTo(ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST.code());
        assertThat(rrq.queryId()).isEqualTo(q);
        h.service.handle(a, new ThinRequest.ResumeReadChannelQuery(q, wc.readCap(), cur, null, Blob.of(new byte[] {(byte) 0xa0}),
                w.envelopeHash()));
        assertThat(h.next(a, ThinResponse.ResumeReadChannelQueryReply.class).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        h.sendWrite(a, wc.channelId(), w);
        h.assertQuiet(a);
    }

    @Test
    void sendChannelQueryErrors() throws Exception {
        MessageId m = MessageId.random(rng);
        Hash256 dest = Hash256.of(FakeCourierNetwork.COURIER_ID);
        Blob queue = Blob.of(FakeCourierNetwork.COURIER_QUEUE);
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "x");

        h.service.handle(a, new ThinRequest.SendChannelQuery(m, null, dest, queue, w.sendMessagePayload()));
        ThinResponse.ChannelQuerySentEvent s = h.next(a, ThinResponse.ChannelQuerySentEvent.class);
        assertThat(s.messageId()).isEqualTo(m);
        assertThat(s.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        h.service.handle(a, new ThinRequest.SendChannelQuery(m, wc.channelId(), null, queue, w.sendMessagePayload()));
        assertThat(h.next(a, ThinResponse.ChannelQuerySentEvent.class).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        int unknown = 1;
        while (unknown == readCh || unknown == wc.channelId()) {
            unknown++;
        }
        h.service.handle(a, new ThinRequest.SendChannelQuery(m, unknown, dest, queue, w.sendMessagePayload()));
        assertThat(h.next(a, ThinResponse.ChannelQuerySentEvent.class).errorCode())
                .isEqualTo(ErrorCode.CHANNEL_NOT_FOUND.code());
        h.net.connected = false;
        h.service.handle(a, new ThinRequest.SendChannelQuery(m, wc.channelId(), dest, queue, w.sendMessagePayload()));
        assertThat(h.next(a, ThinResponse.ChannelQuerySentEvent.class).errorCode())
                .isEqualTo(ErrorCode.INTERNAL_ERROR.code());
        h.net.connected = true;
        assertThat(h.net.sends).isZero();
        h.assertQuiet(a);
        h.sendWrite(a, wc.channelId(), w);
        afterwardsEverythingStillWorks();
    }

    @Test
    void courierErrorsAreMapped() throws Exception {
        h.net.dispatchError = 3;
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "x");
        ThinResponse.ChannelQueryReplyEvent e = h.send(a, wc.channelId(), w.sendMessagePayload());
        assertThat(e.errorCode()).isEqualTo(ErrorCode.PROPAGATION_ERROR.code());
        assertThat(e.payload()).isEqualTo(Blob.EMPTY);
        assertThat(e.replyIndex()).isNull();
        assertThat(ChannelService.courierError(1)).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(ChannelService.courierError(2)).isEqualTo(ErrorCode.COURIER_CACHE_CORRUPTION.code());
        assertThat(ChannelService.courierError(9)).isEqualTo(ErrorCode.INTERNAL_ERROR.code());
    }

    @Test
    void fixedReplicaWriteRepliesCarryTheReplicaCode() throws Exception {
        h.net.bugCompatibleWriteReply = false;
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "x");
        h.send(a, wc.channelId(), w.sendMessagePayload());
        ThinResponse.ChannelQueryReplyEvent e = h.send(a, wc.channelId(), w.sendMessagePayload());
        // a fixed replica's write reply (01 00, 30 bytes after MKEM) is a PAYLOAD: decrypted, code passed on
        assertThat(e.errorCode()).isZero();
        assertThat(e.payload()).isEqualTo(Blob.EMPTY);
        assertThat(e.replyIndex()).isZero();
    }

    @Test
    void aReadReplyOnTheWrongCapabilityIsInvalidPayload() throws Exception {
        ThinResponse.WriteChannelReply w = h.write(a, wc.channelId(), "secret");
        h.sendWrite(a, wc.channelId(), w);
        // a reader resumed with another capability at that index, replaying the read payload of the
        // right one on its own channel: the reply is decrypted with the envelope's own record, so it
        // still works; but a box whose signature does not match the target is error 9
        ThinResponse.ReadChannelReply r = h.read(a, readCh, idx(w.currentMessageIndex()), null);
        byte[] id = h.net.store.keySet().stream().findFirst().map(java.util.HexFormat.of()::parseHex).orElseThrow();
        var box = h.net.store.get(FakeCourierNetwork.key(id));
        byte[] sig = box.signature();
        sig[5] ^= 1;
        h.net.store.put(FakeCourierNetwork.key(id), new org.katzen4j.pigeonhole.message.Box(box.boxId(), box.payload(), sig));
        h.send(a, readCh, r.sendMessagePayload());
        MessageId m = MessageId.random(rng);
        h.service.handle(a, new ThinRequest.SendChannelQuery(m, readCh, Hash256.of(FakeCourierNetwork.COURIER_ID),
                Blob.of(FakeCourierNetwork.COURIER_QUEUE), r.sendMessagePayload()));
        h.next(a, ThinResponse.ChannelQuerySentEvent.class);
        ThinResponse.MessageReplyEvent mr = h.next(a, ThinResponse.MessageReplyEvent.class);
        assertThat(mr.errorCode()).isEqualTo(ErrorCode.INVALID_PAYLOAD.code());
        ThinResponse.ChannelQueryReplyEvent e = h.next(a, ThinResponse.ChannelQueryReplyEvent.class);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PAYLOAD.code());
        assertThat(e.payload()).isEqualTo(Blob.EMPTY);
        // the reader did not move
        assertThat(h.read(a, readCh, null, null).currentMessageIndex()).isEqualTo(w.currentMessageIndex());
    }
}
