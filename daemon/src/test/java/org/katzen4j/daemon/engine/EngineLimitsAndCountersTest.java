package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/** Queued sends of a departed app, and the counters the metrics endpoint reads, on the engine over the fake network. */
class EngineLimitsAndCountersTest {

    ThinRequest.SendMessage send(EngineTest e, String text) {
        return new ThinRequest.SendMessage(MessageId.random(e.net.rng), true, SurbId.random(e.net.rng), e.echoNode(),
                EngineTest.echoQueue(), Blob.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void queuedSendsOfAnAppThatDisconnectsAreDroppedNotSent() throws Exception {
        EngineTest e = new EngineTest();
        e.build(false);
        e.sendScheduler.setConnected(false); // hold the queue
        AppId other = AppId.random(e.net.rng);
        e.router.appConnected(other);
        for (int i = 0; i < 3; i++) {
            e.router.handle(e.app, send(e, "gone " + i));
            e.router.handle(e.app, new ThinRequest.SendArqMessage(MessageId.random(e.net.rng), true, null, e.echoNode(),
                    EngineTest.echoQueue(), Blob.of(new byte[] {(byte) i})));
        }
        e.router.handle(other, send(e, "stays"));
        assertThat(e.sendScheduler.queued()).isEqualTo(7);
        assertThat(e.sendScheduler.queued(e.app)).isEqualTo(6);

        e.router.appDisconnected(e.app);
        assertThat(e.sendScheduler.queued()).as("freed at once").isEqualTo(1);
        assertThat(e.sendScheduler.queued(e.app)).isZero();
        assertThat(e.sendScheduler.droppedJobs()).isEqualTo(6);

        e.sendScheduler.setConnected(true);
        e.runFor(Duration.ofSeconds(20));
        assertThat(e.link.sent).as("only the other app's send left").hasSize(1);
        assertThat(e.sender.packetsSent()).isEqualTo(1);
        assertThat(e.arq.inFlight()).isZero();
        assertThat(e.registry.size()).isZero();
        assertThat(e.apps.of(ThinResponse.MessageReplyEvent.class)).singleElement()
                .isNotNull();
        assertThat(e.apps.sent).filteredOn(x -> x.response() instanceof ThinResponse.MessageReplyEvent)
                .singleElement().satisfies(x -> assertThat(x.app()).isEqualTo(other));
    }

    @Test
    void countersMoveWithSendsRepliesRetransmissionsAndGiveUps() throws Exception {
        EngineTest e = new EngineTest();
        e.build(false);
        assertThat(e.sender.packetsSent()).isZero();
        e.router.handle(e.app, send(e, "one"));
        e.router.handle(e.app, send(e, "two"));
        assertThat(e.router.sendRequests()).isEqualTo(2);
        e.runFor(Duration.ofSeconds(10));
        assertThat(e.sender.packetsSent()).isEqualTo(2);
        assertThat(e.sender.decoysSent()).isZero();
        assertThat(e.dispatcher.delivered()).isEqualTo(2);

        // an ARQ message whose replies are all lost: 3 retransmissions, then a give-up
        e.link.drop = 100;
        e.router.handle(e.app, new ThinRequest.SendArqMessage(MessageId.random(e.net.rng), true, null, e.echoNode(),
                EngineTest.echoQueue(), Blob.of(new byte[] {1})));
        e.runFor(Duration.ofSeconds(3));
        assertThat(e.arq.inFlight()).isEqualTo(1);
        for (int i = 0; i < 5 && e.arq.giveUps() == 0; i++) {
            e.clock.advance(Duration.ofMinutes(5));
        }
        assertThat(e.arq.retransmissions()).isEqualTo(3);
        assertThat(e.arq.giveUps()).isEqualTo(1);
        assertThat(e.arq.inFlight()).isZero();
        assertThat(e.sender.packetsSent()).isEqualTo(2 + 4);

        e.router.handle(e.app, new ThinRequest.CreateReadChannel(null, null));
        assertThat(e.router.channelRequests()).isEqualTo(1);
    }
}
