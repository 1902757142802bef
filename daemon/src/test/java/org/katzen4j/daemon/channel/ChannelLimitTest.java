package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * {@code [Listener] MaxChannelsPerApp} through the channel service: at the limit a create/resume is
 * answered with its reply type, channel id 0, error 8 (permission denied) and the request's query
 * id; other apps are unaffected; closing a channel frees a slot.
 */
class ChannelLimitTest {

    @Test
    void atTheLimitCreateAndResumeGetPermissionDeniedWithTheirQueryId() throws Exception {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(2026);
        ChannelHarness h = new ChannelHarness(ChannelHarness.network(rng, 2), rng, false, false);
        h.service.setMaxChannelsPerApp(2);
        AppId a = h.newApp();
        AppId b = h.newApp();
        ThinResponse.CreateWriteChannelReply first = h.createWrite(a);
        h.createRead(a, first.readCap());

        QueryId q1 = QueryId.random(rng);
        h.service.handle(a, new ThinRequest.CreateWriteChannel(q1));
        ThinResponse.CreateWriteChannelReply w = h.next(a, ThinResponse.CreateWriteChannelReply.class);
        assertThat(w.queryId()).isEqualTo(q1);
        assertThat(w.channelId()).isZero();
        assertThat(w.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code());

        QueryId q2 = QueryId.random(rng);
        h.service.handle(a, new ThinRequest.CreateReadChannel(q2, first.readCap()));
        ThinResponse.CreateReadChannelReply r = h.next(a, ThinResponse.CreateReadChannelReply.class);
        assertThat(r.queryId()).isEqualTo(q2);
        assertThat(r.channelId()).isZero();
        assertThat(r.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code());

        QueryId q3 = QueryId.random(rng);
        h.service.handle(a, new ThinRequest.ResumeWriteChannel(q3, first.writeCap(), null));
        ThinResponse.ResumeWriteChannelReply rw = h.next(a, ThinResponse.ResumeWriteChannelReply.class);
        assertThat(rw.queryId()).isEqualTo(q3);
        assertThat(rw.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code());

        // another app is not affected by a's limit
        h.createWrite(b);
        h.createWrite(b);

        // closing one of a's channels frees a slot
        h.service.handle(a, new ThinRequest.CloseChannel(first.channelId()));
        assertThat(h.createWrite(a).channelId()).isPositive();
    }
}
