package org.katzen4j.thinclient.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.codec.cbor.CborWriter;

/**
 * One daemon→app message of protocol v0.0.71: either an {@link Event} (status, PKI document,
 * legacy send/reply, channel query progress, shutdown) or a {@link ChannelReply} answering one
 * channel request by its query id.
 *
 * <p>{@link #encode()} writes the Go daemon's shape: all 17 keys in {@link #KEYS} order (including
 * the reference's misspelt {@code shudown_event}), unused ones {@code null}.
 */
public sealed interface ThinResponse permits ThinResponse.Event, ThinResponse.ChannelReply {

    /** The 17 response keys in the reference's Response struct order. */
    List<String> KEYS = List.of("shudown_event", "connection_status_event", "new_pki_document_event",
            "new_document_event", "message_sent_event", "message_reply_event", "message_id_garbage_collected",
            "create_write_channel_reply", "create_read_channel_reply", "write_channel_reply", "read_channel_reply",
            "resume_write_channel_reply", "resume_write_channel_query_reply", "resume_read_channel_reply",
            "resume_read_channel_query_reply", "channel_query_sent_event", "channel_query_reply_event");

    String key();

    void writeBody(CborWriter w);

    default byte[] encodeBody() {
        CborWriter w = new CborWriter();
        writeBody(w);
        return w.toByteArray();
    }

    /** The full 17-key envelope, byte-identical to the Go daemon's frames. */
    default byte[] encode() {
        return envelope(this);
    }

    /**
     * {@link #encode()} with the frame's length prefix in front ({@code Frames.frame(encode())}),
     * built in one buffer: what a daemon writes to the socket, without a second copy of the body.
     */
    default byte[] encodeFrame() {
        CborWriter w = new CborWriter();
        w.raw(new byte[4]); // the length prefix, filled in below
        writeEnvelope(w, this);
        byte[] frame = w.toByteArray();
        int n = frame.length - 4;
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        return frame;
    }

    /** The envelope with all 17 keys null (what the reference sends for an invalid send_channel_query). */
    static byte[] encodeAllNull() {
        return envelope(null);
    }

    private static byte[] envelope(ThinResponse r) {
        CborWriter w = new CborWriter();
        writeEnvelope(w, r);
        return w.toByteArray();
    }

    private static void writeEnvelope(CborWriter w, ThinResponse r) {
        w.startMap(KEYS.size());
        for (String k : KEYS) {
            w.key(k);
            if (r != null && k.equals(r.key())) {
                r.writeBody(w);
            } else {
                w.nul();
            }
        }
    }

    /**
     * Decodes one frame body. Returns empty when no known member is set (the reference's
     * all-null anomaly, or only {@code new_document_event}/unknown keys), which clients ignore.
     * When several are set the first in wire order wins.
     */
    static Optional<ThinResponse> decode(byte[] frameBody) throws DecodeException {
        if (frameBody.length == 0) {
            throw new DecodeException("empty frame");
        }
        CborMap m = Fields.untag(CborReader.decode(frameBody)).asMap("response");
        for (Map.Entry<CborValue, CborValue> e : m.entries()) {
            CborValue value = Fields.untag(e.getValue());
            if (!(e.getKey() instanceof CborValue.Text t) || value.isNull()) {
                continue;
            }
            String key = null;
            for (String k : KEYS) {
                if (k.equalsIgnoreCase(t.value())) {
                    key = k;
                    break;
                }
            }
            if (key == null || key.equals("new_document_event")) {
                continue;
            }
            return Optional.of(decodeBody(key, value.asMap(key)));
        }
        return Optional.empty();
    }

    static ThinResponse decodeBody(String key, CborMap b) throws DecodeException {
        try {
            return switch (key) {
                case "shudown_event" -> new ShutdownEvent();
                case "connection_status_event" -> {
                    CborValue err = b.get("err");
                    if (err != null && !err.isNull()) {
                        throw new DecodeException("err must be null, got " + err.typeName());
                    }
                    yield new ConnectionStatusEvent(Fields.bool(b, "is_connected"));
                }
                case "new_pki_document_event" -> new NewPkiDocumentEvent(Fields.blob(b, "payload"));
                case "message_sent_event" -> new MessageSentEvent(Fields.messageId(b, "message_id"),
                        Fields.surbId(b, "surbid"), Fields.time(b, "sent_at"), Fields.duration(b, "reply_eta"),
                        Fields.text(b, "err"));
                case "message_reply_event" -> new MessageReplyEvent(Fields.messageId(b, "message_id"),
                        Fields.surbId(b, "surbid"), Fields.blob(b, "payload"), Fields.u8OrNull(b, "reply_index"),
                        Fields.u8(b, "error_code"));
                case "message_id_garbage_collected" ->
                        new MessageIdGarbageCollected(Fields.messageId(b, "message_id"));
                case "create_write_channel_reply" -> new CreateWriteChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.readCap(b, "read_cap"), Fields.writeCap(b, "write_cap"),
                        Fields.u8(b, "error_code"));
                case "create_read_channel_reply" -> new CreateReadChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"));
                case "write_channel_reply" -> new WriteChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.blob(b, "send_message_payload"),
                        Fields.blob(b, "current_message_index"), Fields.blob(b, "next_message_index"),
                        Fields.hash(b, "envelope_hash"), Fields.blob(b, "envelope_descriptor"),
                        Fields.u8(b, "error_code"));
                case "read_channel_reply" -> new ReadChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"),
                        Fields.blob(b, "send_message_payload"), Fields.blob(b, "current_message_index"),
                        Fields.blob(b, "next_message_index"), Fields.u8OrNull(b, "reply_index"),
                        Fields.hash(b, "envelope_hash"), Fields.blob(b, "envelope_descriptor"));
                case "resume_write_channel_reply" -> new ResumeWriteChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"));
                case "resume_write_channel_query_reply" -> new ResumeWriteChannelQueryReply(
                        Fields.queryId(b, "query_id"), Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"));
                case "resume_read_channel_reply" -> new ResumeReadChannelReply(Fields.queryId(b, "query_id"),
                        Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"));
                case "resume_read_channel_query_reply" -> new ResumeReadChannelQueryReply(
                        Fields.queryId(b, "query_id"), Fields.u16(b, "channel_id"), Fields.u8(b, "error_code"));
                case "channel_query_sent_event" -> new ChannelQuerySentEvent(Fields.messageId(b, "message_id"),
                        Fields.time(b, "sent_at"), Fields.duration(b, "reply_eta"), Fields.u8(b, "error_code"));
                case "channel_query_reply_event" -> new ChannelQueryReplyEvent(Fields.messageId(b, "message_id"),
                        Fields.blob(b, "payload"), Fields.u8OrNull(b, "reply_index"), Fields.u8(b, "error_code"));
                default -> throw new DecodeException("unknown response kind " + key);
            };
        } catch (DecodeException e) {
            throw new DecodeException(key + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the two families

    /** Events: broadcasts and the progress of sends, correlated by message/SURB id if at all. */
    sealed interface Event extends ThinResponse permits ShutdownEvent, ConnectionStatusEvent, NewPkiDocumentEvent,
            MessageSentEvent, MessageReplyEvent, MessageIdGarbageCollected, ChannelQuerySentEvent,
            ChannelQueryReplyEvent {
    }

    /** Replies to channel requests, correlated by query id. */
    sealed interface ChannelReply extends ThinResponse permits CreateWriteChannelReply, CreateReadChannelReply,
            WriteChannelReply, ReadChannelReply, ResumeWriteChannelReply, ResumeWriteChannelQueryReply,
            ResumeReadChannelReply, ResumeReadChannelQueryReply {
        QueryId queryId();

        int channelId();

        int errorCode();

        /** The reference's text for {@link #errorCode()}. */
        default String errorText() {
            return ErrorCode.describe(errorCode());
        }
    }

    private static void replyTriple(CborWriter w, QueryId q, int channelId, int errorCode) {
        w.startMap(3);
        Fields.fixed(w, "query_id", q);
        Fields.uint(w, "channel_id", channelId);
        Fields.uint(w, "error_code", errorCode);
    }

    private static int u8(int v, String what) {
        Fields.checkU8(v, what);
        return v;
    }

    // ------------------------------------------------------------------ events

    /** The daemon is shutting down (key spelt {@code shudown_event} as in the reference). */
    record ShutdownEvent() implements Event {
        public String key() {
            return "shudown_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(0);
        }
    }

    /** Whether the daemon has a gateway session; a level, duplicates are normal. {@code err} is always null. */
    record ConnectionStatusEvent(boolean isConnected) implements Event {
        public String key() {
            return "connection_status_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(2).key("is_connected").bool(isConnected).key("err").nul();
        }
    }

    /** A PKI document (CBOR of the reference's Document without signatures), forwarded as bytes. */
    record NewPkiDocumentEvent(Blob payload) implements Event {
        public String key() {
            return "new_pki_document_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(1);
            Fields.blob(w, "payload", payload);
        }
    }

    /**
     * A legacy send left the daemon. {@code sentAt} null is Go's zero time (written as null);
     * {@code err} empty is omitted.
     */
    record MessageSentEvent(MessageId messageId, SurbId surbId, Instant sentAt, Duration replyEta, String err)
            implements Event {
        public MessageSentEvent {
            err = err == null ? "" : err;
            replyEta = replyEta == null ? Duration.ZERO : replyEta;
        }

        public String key() {
            return "message_sent_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(err.isEmpty() ? 4 : 5);
            Fields.fixed(w, "message_id", messageId);
            Fields.fixed(w, "surbid", surbId);
            Fields.time(w, "sent_at", sentAt);
            Fields.duration(w, "reply_eta", replyEta);
            if (!err.isEmpty()) {
                w.key("err").text(err);
            }
        }
    }

    /** A reply (legacy SURB reply, ARQ outcome, or decrypted pigeonhole read). {@code replyIndex} null is omitted. */
    record MessageReplyEvent(MessageId messageId, SurbId surbId, Blob payload, Integer replyIndex, int errorCode)
            implements Event {
        public MessageReplyEvent {
            Fields.checkU8(replyIndex, "reply_index");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "message_reply_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(replyIndex == null ? 4 : 5);
            Fields.fixed(w, "message_id", messageId);
            Fields.fixed(w, "surbid", surbId);
            Fields.blob(w, "payload", payload);
            if (replyIndex != null) {
                Fields.uint(w, "reply_index", replyIndex);
            }
            Fields.uint(w, "error_code", errorCode);
        }
    }

    /** The daemon dropped its ARQ bookkeeping for a message id. */
    record MessageIdGarbageCollected(MessageId messageId) implements Event {
        public String key() {
            return "message_id_garbage_collected";
        }

        public void writeBody(CborWriter w) {
            w.startMap(1);
            Fields.fixed(w, "message_id", messageId);
        }
    }

    /** A channel query left the daemon (error_code is always 0 from the reference daemon). */
    record ChannelQuerySentEvent(MessageId messageId, Instant sentAt, Duration replyEta, int errorCode)
            implements Event {
        public ChannelQuerySentEvent {
            replyEta = replyEta == null ? Duration.ZERO : replyEta;
            u8(errorCode, "error_code");
        }

        public String key() {
            return "channel_query_sent_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(4);
            Fields.fixed(w, "message_id", messageId);
            Fields.time(w, "sent_at", sentAt);
            Fields.duration(w, "reply_eta", replyEta);
            Fields.uint(w, "error_code", errorCode);
        }
    }

    /** The courier's answer to a channel query ({@code h''} payload = ACK or "not found yet"). */
    record ChannelQueryReplyEvent(MessageId messageId, Blob payload, Integer replyIndex, int errorCode)
            implements Event {
        public ChannelQueryReplyEvent {
            Fields.checkU8(replyIndex, "reply_index");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "channel_query_reply_event";
        }

        public void writeBody(CborWriter w) {
            w.startMap(4);
            Fields.fixed(w, "message_id", messageId);
            Fields.blob(w, "payload", payload);
            Fields.uintOrNull(w, "reply_index", replyIndex);
            Fields.uint(w, "error_code", errorCode);
        }
    }

    // ------------------------------------------------------------------ channel replies

    record CreateWriteChannelReply(QueryId queryId, int channelId, ReadCap readCap, WriteCap writeCap, int errorCode)
            implements ChannelReply {
        public CreateWriteChannelReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "create_write_channel_reply";
        }

        public void writeBody(CborWriter w) {
            w.startMap(5);
            Fields.fixed(w, "query_id", queryId);
            Fields.uint(w, "channel_id", channelId);
            Fields.fixed(w, "read_cap", readCap);
            Fields.fixed(w, "write_cap", writeCap);
            Fields.uint(w, "error_code", errorCode);
        }

        @Override
        public String toString() {
            return "CreateWriteChannelReply[queryId=" + queryId + ", channelId=" + channelId + ", errorCode="
                    + errorCode + "]";
        }
    }

    record CreateReadChannelReply(QueryId queryId, int channelId, int errorCode) implements ChannelReply {
        public CreateReadChannelReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "create_read_channel_reply";
        }

        public void writeBody(CborWriter w) {
            replyTriple(w, queryId, channelId, errorCode);
        }
    }

    /** The prepared write: the courier query bytes to send and the positions/descriptor to resume it. */
    record WriteChannelReply(QueryId queryId, int channelId, Blob sendMessagePayload, Blob currentMessageIndex,
            Blob nextMessageIndex, Hash256 envelopeHash, Blob envelopeDescriptor, int errorCode)
            implements ChannelReply {
        public WriteChannelReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "write_channel_reply";
        }

        public void writeBody(CborWriter w) {
            w.startMap(8);
            Fields.fixed(w, "query_id", queryId);
            Fields.uint(w, "channel_id", channelId);
            Fields.blob(w, "send_message_payload", sendMessagePayload);
            Fields.blob(w, "current_message_index", currentMessageIndex);
            Fields.blob(w, "next_message_index", nextMessageIndex);
            Fields.fixed(w, "envelope_hash", envelopeHash);
            Fields.blob(w, "envelope_descriptor", envelopeDescriptor);
            Fields.uint(w, "error_code", errorCode);
        }
    }

    /** The prepared read (error_code is the third key here, as in the reference). */
    record ReadChannelReply(QueryId queryId, int channelId, int errorCode, Blob sendMessagePayload,
            Blob currentMessageIndex, Blob nextMessageIndex, Integer replyIndex, Hash256 envelopeHash,
            Blob envelopeDescriptor) implements ChannelReply {
        public ReadChannelReply {
            Fields.checkU16(channelId, "channel_id");
            Fields.checkU8(replyIndex, "reply_index");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "read_channel_reply";
        }

        public void writeBody(CborWriter w) {
            w.startMap(9);
            Fields.fixed(w, "query_id", queryId);
            Fields.uint(w, "channel_id", channelId);
            Fields.uint(w, "error_code", errorCode);
            Fields.blob(w, "send_message_payload", sendMessagePayload);
            Fields.blob(w, "current_message_index", currentMessageIndex);
            Fields.blob(w, "next_message_index", nextMessageIndex);
            Fields.uintOrNull(w, "reply_index", replyIndex);
            Fields.fixed(w, "envelope_hash", envelopeHash);
            Fields.blob(w, "envelope_descriptor", envelopeDescriptor);
        }
    }

    record ResumeWriteChannelReply(QueryId queryId, int channelId, int errorCode) implements ChannelReply {
        public ResumeWriteChannelReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "resume_write_channel_reply";
        }

        public void writeBody(CborWriter w) {
            replyTriple(w, queryId, channelId, errorCode);
        }
    }

    record ResumeWriteChannelQueryReply(QueryId queryId, int channelId, int errorCode) implements ChannelReply {
        public ResumeWriteChannelQueryReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "resume_write_channel_query_reply";
        }

        public void writeBody(CborWriter w) {
            replyTriple(w, queryId, channelId, errorCode);
        }
    }

    record ResumeReadChannelReply(QueryId queryId, int channelId, int errorCode) implements ChannelReply {
        public ResumeReadChannelReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "resume_read_channel_reply";
        }

        public void writeBody(CborWriter w) {
            replyTriple(w, queryId, channelId, errorCode);
        }
    }

    record ResumeReadChannelQueryReply(QueryId queryId, int channelId, int errorCode) implements ChannelReply {
        public ResumeReadChannelQueryReply {
            Fields.checkU16(channelId, "channel_id");
            u8(errorCode, "error_code");
        }

        public String key() {
            return "resume_read_channel_query_reply";
        }

        public void writeBody(CborWriter w) {
            replyTriple(w, queryId, channelId, errorCode);
        }
    }
}
