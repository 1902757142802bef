package org.katzen4j.thinclient.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.katzen4j.thinclient.protocol.ThinRequest.*;
import org.katzen4j.thinclient.protocol.ThinResponse.*;

/**
 * The values of the oracle's thin/messages vector set, rebuilt independently in Java from the
 * same byte pattern (interop/oracle/thin_messages.go: thinPat(seed, n)[i] = seed + 7*i).
 */
final class ThinVectorCases {
    private ThinVectorCases() {
    }

    static byte[] pat(int seed, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static QueryId q(int seed) {
        return QueryId.of(pat(seed, 16));
    }

    static MessageId m(int seed) {
        return MessageId.of(pat(seed, 16));
    }

    static SurbId s(int seed) {
        return SurbId.of(pat(seed, 16));
    }

    static Hash256 h(int seed) {
        return Hash256.of(pat(seed, 32));
    }

    static Blob b(int seed, int n) {
        return Blob.of(pat(seed, n));
    }

    static ReadCap rc(int seed) {
        return ReadCap.of(pat(seed, 136));
    }

    static WriteCap wc(int seed) {
        return WriteCap.of(pat(seed, 168));
    }

    static MessageBoxIndex idx(int seed) {
        return MessageBoxIndex.of(pat(seed, 104));
    }

    static Blob text(String s) {
        return Blob.of(s.getBytes(StandardCharsets.UTF_8));
    }

    static final Instant SENT_AT = Instant.ofEpochSecond(1758485828L);

    static Map<String, ThinRequest> requests() {
        Map<String, ThinRequest> c = new LinkedHashMap<>();
        c.put("create_write_channel", new CreateWriteChannel(q(1)));
        c.put("create_write_channel_null_query", new CreateWriteChannel(null));
        c.put("create_read_channel", new CreateReadChannel(q(2), rc(3)));
        c.put("write_channel", new WriteChannel(q(4), 300, b(5, 20)));
        c.put("write_channel_empty_payload", new WriteChannel(q(4), 65535, Blob.EMPTY));
        c.put("write_channel_nulls", new WriteChannel(null, 23, null));
        c.put("read_channel", new ReadChannel(7, q(6), null, null));
        c.put("read_channel_index_reply1", new ReadChannel(65535, q(6), idx(7), 1));
        c.put("read_channel_reply0", new ReadChannel(24, q(6), null, 0));
        c.put("resume_write_channel", new ResumeWriteChannel(q(8), wc(9), idx(10)));
        c.put("resume_write_channel_no_index", new ResumeWriteChannel(q(8), wc(9), null));
        c.put("resume_write_channel_empty", new ResumeWriteChannel(null, null, null));
        c.put("resume_write_channel_query", new ResumeWriteChannelQuery(q(11), wc(12), idx(13), b(14, 42), h(15)));
        c.put("resume_read_channel", new ResumeReadChannel(q(16), rc(17), null, null));
        c.put("resume_read_channel_full", new ResumeReadChannel(q(16), rc(17), idx(18), 1));
        c.put("resume_read_channel_query", new ResumeReadChannelQuery(q(19), rc(20), idx(21), 0, b(22, 42), h(23)));
        c.put("resume_read_channel_query_nulls", new ResumeReadChannelQuery(q(19), null, null, null, null, null));
        c.put("close_channel", new CloseChannel(65535));
        c.put("close_channel_small", new CloseChannel(5));
        c.put("thin_close", new ThinClose());
        c.put("send_channel_query", new SendChannelQuery(m(24), 300, h(25), text("courier"), b(26, 50)));
        c.put("send_channel_query_no_channel", new SendChannelQuery(m(24), null, h(25), text("courier"), Blob.EMPTY));
        c.put("send_message_with_surb", new SendMessage(null, true, s(27), h(28), text("echo"), b(29, 33)));
        c.put("send_message_without_surb", new SendMessage(m(30), false, null, h(28), text("echo"), b(29, 1)));
        c.put("send_arq_message", new SendArqMessage(m(31), true, null, h(32), text("echo"), b(33, 40)));
        return c;
    }

    /** Response cases; "all_null" maps to null. */
    static Map<String, ThinResponse> responses() {
        Map<String, ThinResponse> c = new LinkedHashMap<>();
        c.put("all_null", null);
        c.put("shutdown_event", new ShutdownEvent());
        c.put("connection_status_connected", new ConnectionStatusEvent(true));
        c.put("connection_status_disconnected", new ConnectionStatusEvent(false));
        c.put("new_pki_document_event", new NewPkiDocumentEvent(b(34, 300)));
        c.put("message_sent_event", new MessageSentEvent(null, s(35), SENT_AT, Duration.ofMillis(1179), ""));
        c.put("message_sent_event_error", new MessageSentEvent(m(36), s(35), SENT_AT, Duration.ZERO,
                "client/conn: not connected to the Gateway"));
        c.put("message_sent_event_zero", new MessageSentEvent(null, null, null, Duration.ZERO, ""));
        c.put("message_reply_event", new MessageReplyEvent(m(37), s(38), b(39, 64), null, 0));
        c.put("message_reply_event_reply_index", new MessageReplyEvent(m(40), null, b(41, 10), 1, 0));
        c.put("message_reply_event_error", new MessageReplyEvent(m(40), s(38), Blob.EMPTY, 0, 5));
        c.put("message_id_garbage_collected", new MessageIdGarbageCollected(m(42)));
        c.put("create_write_channel_reply", new CreateWriteChannelReply(q(43), 4660, rc(44), wc(45), 0));
        c.put("create_write_channel_reply_error", new CreateWriteChannelReply(null, 0, null, null, 19));
        c.put("create_read_channel_reply", new CreateReadChannelReply(q(46), 65535, 0));
        c.put("create_read_channel_reply_error", new CreateReadChannelReply(null, 0, 3));
        c.put("write_channel_reply", new WriteChannelReply(q(47), 300, b(48, 80), b(49, 104), b(50, 104), h(51),
                b(52, 42), 0));
        c.put("write_channel_reply_error", new WriteChannelReply(q(47), 300, Blob.EMPTY, Blob.EMPTY, Blob.EMPTY,
                Hash256.of(new byte[32]), Blob.EMPTY, 7));
        c.put("read_channel_reply", new ReadChannelReply(q(53), 17, 0, b(54, 80), b(55, 104), b(56, 104), 1, h(57),
                b(58, 42)));
        c.put("read_channel_reply_error", new ReadChannelReply(q(53), 17, 6, Blob.EMPTY, Blob.EMPTY, Blob.EMPTY, null,
                Hash256.of(new byte[32]), Blob.EMPTY));
        c.put("resume_write_channel_reply", new ResumeWriteChannelReply(q(59), 1, 0));
        c.put("resume_write_channel_query_reply", new ResumeWriteChannelQueryReply(q(60), 256, 0));
        c.put("resume_read_channel_reply", new ResumeReadChannelReply(q(61), 255, 17));
        c.put("resume_read_channel_query_reply", new ResumeReadChannelQueryReply(null, 0, 4));
        c.put("channel_query_sent_event", new ChannelQuerySentEvent(m(62), SENT_AT, Duration.ofMillis(1179), 0));
        c.put("channel_query_sent_event_error", new ChannelQuerySentEvent(m(62), null, Duration.ZERO, 3));
        c.put("channel_query_reply_event", new ChannelQueryReplyEvent(m(63), b(64, 90), 1, 0));
        c.put("channel_query_reply_event_ack", new ChannelQueryReplyEvent(m(63), Blob.EMPTY, null, 0));
        c.put("channel_query_reply_event_internal_error", new ChannelQueryReplyEvent(m(63), null, null, 4));
        return c;
    }
}
