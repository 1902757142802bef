package org.katzen4j.daemon.engine;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pigeonhole channel requests, not implemented in this daemon yet: each gets its reply type
 * right away with error_code 10 ("Service unavailable"), its query/message id echoed, so apps fail
 * fast instead of waiting; {@code close_channel} has no reply. To be replaced by the channel store.
 */
public final class ChannelRequests implements ChannelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRequests.class);
    static final int UNAVAILABLE = ErrorCode.SERVICE_UNAVAILABLE.code();

    private final AppEvents events;

    public ChannelRequests(AppEvents events) {
        this.events = events;
    }

    /** Answers {@code r} (a channel request) with the "not available" reply of its kind. */
    @Override
    public void handle(AppId app, ThinRequest r) {
        LOG.info("app {}: {} is not supported by this daemon yet", app, r.key());
        ThinResponse reply = switch (r) {
            case ThinRequest.CreateWriteChannel c -> new ThinResponse.CreateWriteChannelReply(c.queryId(), 0, null, null,
                    UNAVAILABLE);
            case ThinRequest.CreateReadChannel c -> new ThinResponse.CreateReadChannelReply(c.queryId(), 0, UNAVAILABLE);
            case ThinRequest.WriteChannel c -> new ThinResponse.WriteChannelReply(c.queryId(), c.channelId(), Blob.EMPTY,
                    Blob.EMPTY, Blob.EMPTY, null, Blob.EMPTY, UNAVAILABLE);
            case ThinRequest.ReadChannel c -> new ThinResponse.ReadChannelReply(c.queryId(), c.channelId(), UNAVAILABLE,
                    Blob.EMPTY, Blob.EMPTY, Blob.EMPTY, c.replyIndex(), null, Blob.EMPTY);
            case ThinRequest.ResumeWriteChannel c -> new ThinResponse.ResumeWriteChannelReply(c.queryId(), 0, UNAVAILABLE);
            case ThinRequest.ResumeWriteChannelQuery c -> new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), 0,
                    UNAVAILABLE);
            case ThinRequest.ResumeReadChannel c -> new ThinResponse.ResumeReadChannelReply(c.queryId(), 0, UNAVAILABLE);
            case ThinRequest.ResumeReadChannelQuery c -> new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), 0,
                    UNAVAILABLE);
            case ThinRequest.SendChannelQuery c -> new ThinResponse.ChannelQueryReplyEvent(c.messageId(), Blob.EMPTY,
                    null, UNAVAILABLE);
            case ThinRequest.CloseChannel c -> null;
            case ThinRequest.ThinClose c -> null;
            case ThinRequest.SendMessage c -> throw new IllegalArgumentException("not a channel request");
            case ThinRequest.SendArqMessage c -> throw new IllegalArgumentException("not a channel request");
        };
        if (reply != null) {
            events.send(app, reply);
        }
    }
}
