package org.katzen4j.daemon.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * One app's requests that the engine has accepted but not yet answered, for the per-app
 * pending limit. A request counts from the moment it is handed to the engine until the first
 * response carrying its id goes back to the app: for {@code send_message} with a SURB and
 * {@code send_arq_message} a {@code message_sent_event} (or a reply or GC event for that id),
 * for {@code send_channel_query} its sent or reply event, for the channel requests with a
 * {@code query_id} their reply. {@code send_message} without a SURB gets no answer from the
 * reference protocol, so it is not counted (it is bounded by the engine's send queue);
 * {@code close_channel} has no answer either. Not thread-safe: guarded by the connection.
 */
final class PendingRequests {
    /** Error code in channel replies refused by the limit ("try again later"). */
    static final int BUSY = ErrorCode.SERVICE_UNAVAILABLE.code();

    private record Key(char kind, Object id) {
    }

    private final int limit;
    private final Map<Key, Integer> pending = new HashMap<>();
    private int count;

    PendingRequests(int limit) {
        this.limit = limit;
    }

    int count() {
        return count;
    }

    int limit() {
        return limit;
    }

    /** Whether {@code r} is answered and therefore counted. */
    static boolean tracked(ThinRequest r) {
        return key(r) != null;
    }

    /**
     * Counts {@code r} if it is tracked and below the limit. False when the app is at the limit
     * (the request must be refused and not handed to the engine).
     */
    boolean admit(ThinRequest r) {
        Key k = key(r);
        if (k == null) {
            return true;
        }
        if (count >= limit) {
            return false;
        }
        pending.merge(k, 1, Integer::sum);
        count++;
        return true;
    }

    /** Un-counts the request a response answers, if any. */
    void answered(ThinResponse r) {
        Key k = key(r);
        if (k == null) {
            return;
        }
        Integer n = pending.get(k);
        if (n == null) {
            return;
        }
        if (n == 1) {
            pending.remove(k);
        } else {
            pending.put(k, n - 1);
        }
        count--;
    }

    private static Key key(ThinRequest r) {
        return switch (r) {
            case ThinRequest.SendMessage m -> m.withSurb() && m.surbId() != null ? msg(m.id()) : null;
            case ThinRequest.SendArqMessage m -> msg(m.id());
            case ThinRequest.SendChannelQuery m -> msg(m.messageId());
            case ThinRequest.CreateWriteChannel c -> query(c.queryId());
            case ThinRequest.CreateReadChannel c -> query(c.queryId());
            case ThinRequest.WriteChannel c -> query(c.queryId());
            case ThinRequest.ReadChannel c -> query(c.queryId());
            case ThinRequest.ResumeWriteChannel c -> query(c.queryId());
            case ThinRequest.ResumeWriteChannelQuery c -> query(c.queryId());
            case ThinRequest.ResumeReadChannel c -> query(c.queryId());
            case ThinRequest.ResumeReadChannelQuery c -> query(c.queryId());
            case ThinRequest.CloseChannel c -> null;
            case ThinRequest.ThinClose c -> null;
        };
    }

    private static Key key(ThinResponse r) {
        return switch (r) {
            case ThinResponse.MessageSentEvent e -> msg(e.messageId());
            case ThinResponse.MessageReplyEvent e -> msg(e.messageId());
            case ThinResponse.MessageIdGarbageCollected e -> msg(e.messageId());
            case ThinResponse.ChannelQuerySentEvent e -> msg(e.messageId());
            case ThinResponse.ChannelQueryReplyEvent e -> msg(e.messageId());
            case ThinResponse.ChannelReply c -> query(c.queryId());
            default -> null;
        };
    }

    private static Key msg(MessageId id) {
        return id == null ? null : new Key('m', id);
    }

    private static Key query(QueryId id) {
        return id == null ? null : new Key('q', id);
    }

    /** The answer the listener gives in the engine's place to a tracked request refused by the limit. */
    static ThinResponse refusal(ThinRequest r, int limit) {
        String why = "too many pending requests (" + limit + "): wait for replies before sending more";
        Instant now = Instant.now();
        return switch (r) {
            case ThinRequest.SendMessage m -> new ThinResponse.MessageSentEvent(m.id(), m.surbId(), now, Duration.ZERO, why);
            case ThinRequest.SendArqMessage m -> new ThinResponse.MessageSentEvent(m.id(), null, now, Duration.ZERO, why);
            case ThinRequest.SendChannelQuery m -> new ThinResponse.ChannelQuerySentEvent(m.messageId(), now, Duration.ZERO,
                    BUSY);
            case ThinRequest.CreateWriteChannel c -> new ThinResponse.CreateWriteChannelReply(c.queryId(), 0, null, null, BUSY);
            case ThinRequest.CreateReadChannel c -> new ThinResponse.CreateReadChannelReply(c.queryId(), 0, BUSY);
            case ThinRequest.WriteChannel c -> new ThinResponse.WriteChannelReply(c.queryId(), c.channelId(), null, null, null,
                    null, null, BUSY);
            case ThinRequest.ReadChannel c -> new ThinResponse.ReadChannelReply(c.queryId(), c.channelId(), BUSY, null, null,
                    null, null, null, null);
            case ThinRequest.ResumeWriteChannel c -> new ThinResponse.ResumeWriteChannelReply(c.queryId(), 0, BUSY);
            case ThinRequest.ResumeWriteChannelQuery c -> new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), 0, BUSY);
            case ThinRequest.ResumeReadChannel c -> new ThinResponse.ResumeReadChannelReply(c.queryId(), 0, BUSY);
            case ThinRequest.ResumeReadChannelQuery c -> new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), 0, BUSY);
            case ThinRequest.CloseChannel c -> throw new IllegalArgumentException("close_channel is not counted");
            case ThinRequest.ThinClose c -> throw new IllegalArgumentException("thin_close is not counted");
        };
    }
}
