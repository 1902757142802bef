package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy API: {@code send_message} (with a SURB: {@code message_sent_event} now,
 * {@code message_reply_event} when the reply arrives within {@code rtt + pollInterval + 1 s};
 * without: just sent, no event — the reference crashes there) and {@code send_arq_message}
 * (handed to {@link ArqService}). Runs on the engine thread, one request per Poisson tick.
 */
public final class LegacyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyHandler.class);

    private final MessageSender sender;
    private final ReplyRegistry registry;
    private final ArqService arq;
    private final AppEvents events;
    private final TaskScheduler scheduler;
    private final Supplier<Duration> pollInterval;

    public LegacyHandler(MessageSender sender, ReplyRegistry registry, ArqService arq, AppEvents events,
            TaskScheduler scheduler, Supplier<Duration> pollInterval) {
        this.sender = sender;
        this.registry = registry;
        this.arq = arq;
        this.events = events;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    public void sendMessage(AppId app, ThinRequest.SendMessage m) {
        boolean withSurb = m.withSurb() && m.surbId() != null;
        Optional<SurbId> surb = withSurb ? Optional.of(SurbId.of(m.surbId().toByteArray())) : Optional.empty();
        Instant sentAt = scheduler.now();
        long rtt = 0;
        String err = null;
        try {
            MessageSender.Prepared p = sender.prepare(bytes(m.destinationIdHash()), bytes(m.recipientQueueId()),
                    bytes(m.payload()), surb);
            rtt = p.rttMillis();
            if (withSurb) {
                Duration ttl = Duration.ofMillis(rtt).plus(pollInterval.get()).plusSeconds(1);
                registry.put(surb.get(), new ReplyRegistry.LegacyReply(app, m.id(), m.surbId(), p.keys().orElseThrow()),
                        Optional.of(ttl));
            }
            sender.write(p);
            LOG.debug("app {}: send_message {} sent{}, rtt {} ms", app, m.id(), withSurb ? " with SURB" : "", rtt);
        } catch (SendException e) {
            err = e.getMessage();
            LOG.warn("send_message from app {} failed: {}", app, err);
            surb.ifPresent(s -> registry.take(s).ifPresent(en -> en.keys().close()));
        }
        if (withSurb) {
            events.send(app, new ThinResponse.MessageSentEvent(m.id(), m.surbId(), sentAt, Duration.ofMillis(rtt), err));
        }
    }

    public void sendArqMessage(AppId app, ThinRequest.SendArqMessage m) {
        arq.start(app, m.id(), bytes(m.destinationIdHash()), bytes(m.recipientQueueId()), bytes(m.payload()));
    }

    private static byte[] bytes(Hash256 h) {
        return h == null ? null : h.toByteArray();
    }

    private static byte[] bytes(Blob b) {
        return b == null ? null : b.toByteArray();
    }
}
