package org.katzen4j.thinclient.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.codec.cbor.CborWriter;

/**
 * One app→daemon request of protocol v0.0.71. On the wire a request is a CBOR map with one
 * non-null member whose key names the kind ({@link #key()}); the body is a map whose keys follow
 * the reference struct's declaration order.
 *
 * <p>{@link #encode()} writes the Go thin client's shape: all 13 keys in {@link #KEYS} order,
 * unused ones {@code null}. {@link #encodeSparse()} writes the one-key shape of the Python and
 * Rust clients. {@link #decode(byte[], DecodeOptions)} accepts both.
 */
public sealed interface ThinRequest {

    /** The 13 request keys in the reference's Request struct order. */
    List<String> KEYS = List.of("create_write_channel", "create_read_channel", "write_channel", "read_channel",
            "resume_write_channel", "resume_write_channel_query", "resume_read_channel", "resume_read_channel_query",
            "close_channel", "thin_close", "send_channel_query", "send_message", "send_arq_message");

    /**
     * The order in which the reference daemon picks a command when a request sets several
     * (only used with {@link MultipleCommands#FIRST_BY_DAEMON_PRIORITY}).
     */
    List<String> DAEMON_PRIORITY = List.of("thin_close", "send_message", "send_arq_message", "send_channel_query",
            "create_write_channel", "create_read_channel", "write_channel", "resume_write_channel",
            "resume_write_channel_query", "read_channel", "resume_read_channel", "resume_read_channel_query",
            "close_channel");

    /** The top-level key of this request kind. */
    String key();

    /** Writes the body map (struct fields in declaration order). */
    void writeBody(CborWriter w);

    /** The body alone, as {@code cbor.Marshal(&body)} gives it. */
    default byte[] encodeBody() {
        CborWriter w = new CborWriter();
        writeBody(w);
        return w.toByteArray();
    }

    /** The full 13-key envelope, byte-identical to the Go thin client's frames. */
    default byte[] encode() {
        CborWriter w = new CborWriter();
        w.startMap(KEYS.size());
        for (String k : KEYS) {
            w.key(k);
            if (k.equals(key())) {
                writeBody(w);
            } else {
                w.nul();
            }
        }
        return w.toByteArray();
    }

    /** The one-key envelope the Python and Rust clients send. */
    default byte[] encodeSparse() {
        CborWriter w = new CborWriter();
        w.startMap(1).key(key());
        writeBody(w);
        return w.toByteArray();
    }

    // ------------------------------------------------------------------ decoding

    /** What to do with a request that sets more than one command. */
    enum MultipleCommands {
        /** Reject the frame (strict setting). */
        REJECT,
        /** Act on one of them, picked in the reference daemon's order ({@link #DAEMON_PRIORITY}); the default. */
        FIRST_BY_DAEMON_PRIORITY
    }

    /**
     * Decoder settings. Defaults follow the reference daemon: several commands → the one it
     * would act on; unknown top-level keys ignored as long as a known command is set.
     * {@link #STRICT} rejects both.
     */
    record DecodeOptions(MultipleCommands multipleCommands, boolean rejectUnknownKeys, CborReader.Limits limits) {
        public static final DecodeOptions DEFAULT =
                new DecodeOptions(MultipleCommands.FIRST_BY_DAEMON_PRIORITY, false, CborReader.Limits.DEFAULT);
        public static final DecodeOptions STRICT =
                new DecodeOptions(MultipleCommands.REJECT, true, CborReader.Limits.DEFAULT);
    }

    static ThinRequest decode(byte[] frameBody) throws DecodeException {
        return decode(frameBody, DecodeOptions.DEFAULT);
    }

    /**
     * Decodes one frame body. Exactly one known command must be non-null (unless the options
     * allow several); {@code null} and an absent key are the same; keys match as Go matches them.
     */
    static ThinRequest decode(byte[] frameBody, DecodeOptions options) throws DecodeException {
        if (frameBody.length == 0) {
            throw new DecodeException("empty frame");
        }
        CborValue top = Fields.untag(CborReader.decode(frameBody, options.limits()));
        if (top.isNull()) {
            throw new DecodeException("request is null");
        }
        CborMap m = top.asMap("request");
        List<String> set = new ArrayList<>(2);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<CborValue, CborValue> e : m.entries()) {
            if (!(e.getKey() instanceof CborValue.Text t)) {
                throw new DecodeException("request: non-text key " + e.getKey().typeName());
            }
            String known = canonicalKey(t.value());
            if (known == null) {
                unknown.add(t.value());
            } else if (!Fields.untag(e.getValue()).isNull() && !set.contains(known)) {
                set.add(known);
            }
        }
        if (options.rejectUnknownKeys() && !unknown.isEmpty()) {
            throw new DecodeException("request has unknown keys " + unknown);
        }
        if (set.isEmpty()) {
            throw new DecodeException(unknown.isEmpty() ? "request sets no command"
                    : "request sets no known command (unknown keys " + unknown + ")");
        }
        String chosen;
        if (set.size() == 1) {
            chosen = set.get(0);
        } else if (options.multipleCommands() == MultipleCommands.FIRST_BY_DAEMON_PRIORITY) {
            chosen = DAEMON_PRIORITY.stream().filter(set::contains).findFirst().orElseThrow();
        } else {
            throw new DecodeException("request sets " + set.size() + " commands " + set);
        }
        CborMap body = Fields.untag(m.get(chosen)).asMap(chosen);
        return decodeBody(chosen, body);
    }

    private static String canonicalKey(String k) {
        String exact = Fields.REQUEST_KEYS.get(k); // one hash lookup (this runs for every key of every request)
        if (exact != null) {
            return exact;
        }
        for (String known : KEYS) {
            if (known.equalsIgnoreCase(k)) {
                return known;
            }
        }
        return null;
    }

    /** Decodes the body map of the request kind {@code key}. */
    static ThinRequest decodeBody(String key, CborMap b) throws DecodeException {
        try {
            return switch (key) {
                case "create_write_channel" -> new CreateWriteChannel(Fields.queryId(b, "query_id"));
                case "create_read_channel" -> new CreateReadChannel(Fields.queryId(b, "query_id"),
                        Fields.readCap(b, "read_cap"));
                case "write_channel" -> new WriteChannel(Fields.queryId(b, "query_id"), Fields.u16(b, "channel_id"),
                        Fields.blob(b, "payload"));
                case "read_channel" -> new ReadChannel(Fields.u16(b, "channel_id"), Fields.queryId(b, "query_id"),
                        Fields.index(b, "message_box_index"), Fields.u8OrNull(b, "reply_index"));
                case "resume_write_channel" -> new ResumeWriteChannel(Fields.queryId(b, "query_id"),
                        Fields.writeCap(b, "write_cap"), Fields.index(b, "message_box_index"));
                case "resume_write_channel_query" -> new ResumeWriteChannelQuery(Fields.queryId(b, "query_id"),
                        Fields.writeCap(b, "write_cap"), Fields.index(b, "message_box_index"),
                        Fields.blob(b, "envelope_descriptor"), Fields.hash(b, "envelope_hash"));
                case "resume_read_channel" -> new ResumeReadChannel(Fields.queryId(b, "query_id"),
                        Fields.readCap(b, "read_cap"), Fields.index(b, "next_message_index"),
                        Fields.u8OrNull(b, "reply_index"));
                case "resume_read_channel_query" -> new ResumeReadChannelQuery(Fields.queryId(b, "query_id"),
                        Fields.readCap(b, "read_cap"), Fields.index(b, "next_message_index"),
                        Fields.u8OrNull(b, "reply_index"), Fields.blob(b, "envelope_descriptor"),
                        Fields.hash(b, "envelope_hash"));
                case "close_channel" -> new CloseChannel(Fields.u16(b, "channel_id"));
                case "thin_close" -> new ThinClose();
                case "send_channel_query" -> new SendChannelQuery(Fields.messageId(b, "message_id"),
                        Fields.u16OrNull(b, "channel_id"), Fields.hash(b, "destination_id_hash"),
                        Fields.blob(b, "recipient_queue_id"), Fields.blob(b, "payload"));
                case "send_message" -> new SendMessage(Fields.messageId(b, "id"), Fields.bool(b, "with_surb"),
                        Fields.surbId(b, "surbid"), Fields.hash(b, "destination_id_hash"),
                        Fields.blob(b, "recipient_queue_id"), Fields.blob(b, "payload"));
                case "send_arq_message" -> new SendArqMessage(Fields.messageId(b, "id"), Fields.bool(b, "with_surb"),
                        Fields.surbId(b, "surbid"), Fields.hash(b, "destination_id_hash"),
                        Fields.blob(b, "recipient_queue_id"), Fields.blob(b, "payload"));
                default -> throw new DecodeException("unknown request kind " + key);
            };
        } catch (DecodeException e) {
            throw new DecodeException(key + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the request kinds

    /** Create a new write channel (fresh BACAP write capability). */
    record CreateWriteChannel(QueryId queryId) implements ThinRequest {
        public String key() {
            return "create_write_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(1);
            Fields.fixed(w, "query_id", queryId);
        }
    }

    /** Open a read channel for a read capability. */
    record CreateReadChannel(QueryId queryId, ReadCap readCap) implements ThinRequest {
        public String key() {
            return "create_read_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(2);
            Fields.fixed(w, "query_id", queryId);
            Fields.fixed(w, "read_cap", readCap);
        }
    }

    /** Prepare (encrypt) a write of {@code payload} to the channel's current box. */
    record WriteChannel(QueryId queryId, int channelId, Blob payload) implements ThinRequest {
        public WriteChannel {
            Fields.checkU16(channelId, "channel_id");
        }

        public String key() {
            return "write_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(3);
            Fields.fixed(w, "query_id", queryId);
            Fields.uint(w, "channel_id", channelId);
            Fields.blob(w, "payload", payload);
        }
    }

    /** Prepare a read of the channel's current (or the given) box. Note: channel_id comes first. */
    record ReadChannel(int channelId, QueryId queryId, MessageBoxIndex messageBoxIndex, Integer replyIndex)
            implements ThinRequest {
        public ReadChannel {
            Fields.checkU16(channelId, "channel_id");
            Fields.checkU8(replyIndex, "reply_index");
        }

        public String key() {
            return "read_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(messageBoxIndex == null ? 3 : 4);
            Fields.uint(w, "channel_id", channelId);
            Fields.fixed(w, "query_id", queryId);
            if (messageBoxIndex != null) { // omitempty
                Fields.fixed(w, "message_box_index", messageBoxIndex);
            }
            Fields.uintOrNull(w, "reply_index", replyIndex);
        }
    }

    /** Re-open a write channel from its write capability, optionally at a given index. */
    record ResumeWriteChannel(QueryId queryId, WriteCap writeCap, MessageBoxIndex messageBoxIndex)
            implements ThinRequest {
        public String key() {
            return "resume_write_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(1 + Fields.count(writeCap, messageBoxIndex));
            Fields.fixed(w, "query_id", queryId);
            if (writeCap != null) { // omitempty
                Fields.fixed(w, "write_cap", writeCap);
            }
            if (messageBoxIndex != null) { // omitempty
                Fields.fixed(w, "message_box_index", messageBoxIndex);
            }
        }

        @Override
        public String toString() {
            return "ResumeWriteChannel[queryId=" + queryId + ", messageBoxIndex=" + messageBoxIndex + "]";
        }
    }

    /** Re-open a write channel after a write query was sent, so its reply can still be decrypted. */
    record ResumeWriteChannelQuery(QueryId queryId, WriteCap writeCap, MessageBoxIndex messageBoxIndex,
            Blob envelopeDescriptor, Hash256 envelopeHash) implements ThinRequest {
        public String key() {
            return "resume_write_channel_query";
        }

        public void writeBody(CborWriter w) {
            w.startMap(3 + Fields.count(writeCap, messageBoxIndex));
            Fields.fixed(w, "query_id", queryId);
            if (writeCap != null) {
                Fields.fixed(w, "write_cap", writeCap);
            }
            if (messageBoxIndex != null) {
                Fields.fixed(w, "message_box_index", messageBoxIndex);
            }
            Fields.blob(w, "envelope_descriptor", envelopeDescriptor);
            Fields.fixed(w, "envelope_hash", envelopeHash);
        }

        @Override
        public String toString() {
            return "ResumeWriteChannelQuery[queryId=" + queryId + ", messageBoxIndex=" + messageBoxIndex
                    + ", envelopeHash=" + envelopeHash + "]";
        }
    }

    /** Re-open a read channel, optionally at a given index. */
    record ResumeReadChannel(QueryId queryId, ReadCap readCap, MessageBoxIndex nextMessageIndex, Integer replyIndex)
            implements ThinRequest {
        public ResumeReadChannel {
            Fields.checkU8(replyIndex, "reply_index");
        }

        public String key() {
            return "resume_read_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(4);
            Fields.fixed(w, "query_id", queryId);
            Fields.fixed(w, "read_cap", readCap);
            Fields.fixed(w, "next_message_index", nextMessageIndex);
            Fields.uintOrNull(w, "reply_index", replyIndex);
        }
    }

    /** Re-open a read channel after a read query was sent. */
    record ResumeReadChannelQuery(QueryId queryId, ReadCap readCap, MessageBoxIndex nextMessageIndex,
            Integer replyIndex, Blob envelopeDescriptor, Hash256 envelopeHash) implements ThinRequest {
        public ResumeReadChannelQuery {
            Fields.checkU8(replyIndex, "reply_index");
        }

        public String key() {
            return "resume_read_channel_query";
        }

        public void writeBody(CborWriter w) {
            w.startMap(6);
            Fields.fixed(w, "query_id", queryId);
            Fields.fixed(w, "read_cap", readCap);
            Fields.fixed(w, "next_message_index", nextMessageIndex);
            Fields.uintOrNull(w, "reply_index", replyIndex);
            Fields.blob(w, "envelope_descriptor", envelopeDescriptor);
            Fields.fixed(w, "envelope_hash", envelopeHash);
        }
    }

    /** Forget a channel (no reply). */
    record CloseChannel(int channelId) implements ThinRequest {
        public CloseChannel {
            Fields.checkU16(channelId, "channel_id");
        }

        public String key() {
            return "close_channel";
        }

        public void writeBody(CborWriter w) {
            w.startMap(1);
            Fields.uint(w, "channel_id", channelId);
        }
    }

    /** The app is leaving (handled by the connection, no reply). */
    record ThinClose() implements ThinRequest {
        public String key() {
            return "thin_close";
        }

        public void writeBody(CborWriter w) {
            w.startMap(0);
        }
    }

    /** Send a prepared channel query to a courier. {@code channelId} null is omitted (omitempty). */
    record SendChannelQuery(MessageId messageId, Integer channelId, Hash256 destinationIdHash,
            Blob recipientQueueId, Blob payload) implements ThinRequest {
        public SendChannelQuery {
            if (channelId != null) {
                Fields.checkU16(channelId, "channel_id");
            }
        }

        public String key() {
            return "send_channel_query";
        }

        public void writeBody(CborWriter w) {
            w.startMap(channelId == null ? 4 : 5);
            Fields.fixed(w, "message_id", messageId);
            if (channelId != null) {
                Fields.uint(w, "channel_id", channelId);
            }
            Fields.fixed(w, "destination_id_hash", destinationIdHash);
            Fields.blob(w, "recipient_queue_id", recipientQueueId);
            Fields.blob(w, "payload", payload);
        }
    }

    /** Legacy send to a service queue, with a SURB for one reply when {@code withSurb}. */
    record SendMessage(MessageId id, boolean withSurb, SurbId surbId, Hash256 destinationIdHash,
            Blob recipientQueueId, Blob payload) implements ThinRequest {
        public String key() {
            return "send_message";
        }

        public void writeBody(CborWriter w) {
            legacyBody(w, id, withSurb, surbId, destinationIdHash, recipientQueueId, payload);
        }
    }

    /** Legacy reliable (ARQ) send; the daemon picks the SURB ids. */
    record SendArqMessage(MessageId id, boolean withSurb, SurbId surbId, Hash256 destinationIdHash,
            Blob recipientQueueId, Blob payload) implements ThinRequest {
        public String key() {
            return "send_arq_message";
        }

        public void writeBody(CborWriter w) {
            legacyBody(w, id, withSurb, surbId, destinationIdHash, recipientQueueId, payload);
        }
    }

    private static void legacyBody(CborWriter w, MessageId id, boolean withSurb, SurbId surbId, Hash256 dest,
            Blob queue, Blob payload) {
        w.startMap(6);
        Fields.fixed(w, "id", id);
        w.key("with_surb").bool(withSurb);
        Fields.fixed(w, "surbid", surbId);
        Fields.fixed(w, "destination_id_hash", dest);
        Fields.blob(w, "recipient_queue_id", queue);
        Fields.blob(w, "payload", payload);
    }
}
