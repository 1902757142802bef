package org.katzen4j.daemon.engine;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable legacy sends ({@code send_arq_message}): stop-and-wait with retransmission as the
 * reference does it. Each attempt gets a fresh SURB id, a new path and a new SURB; the reply to
 * the current attempt is the acknowledgement and is delivered as {@code message_reply_event}. If
 * none arrives by {@code sentAt + rtt + slop} the message is sent again, at most
 * {@code maxRetransmissions} times; then the app gets {@code message_reply_event} with
 * error_code 5. A {@code message_id_garbage_collected} event follows once, at
 * {@code first send + rtt + gcAfter} (not final: retransmissions may still be running, as in the
 * reference). Resends bypass the Poisson queue. All methods run on the engine thread.
 */
public final class ArqService {
    private static final Logger LOG = LoggerFactory.getLogger(ArqService.class);

    /** The reference's constants: 3 retransmissions, 3 min 45 s slop, GC event after rtt + 5 min. */
    public record Timing(int maxRetransmissions, Duration slop, Duration gcAfter) {
        public static final Timing REFERENCE = new Timing(3, Duration.ofSeconds(225), Duration.ofMinutes(5));
    }

    private record Key(AppId app, MessageId id) {
    }

    /** One message in flight. */
    private static final class Pending {
        final AppId app;
        final MessageId id;
        final byte[] dest;
        final byte[] recipient;
        final byte[] payload;
        SurbId surbId;
        ReplyRegistry.ArqReply entry;
        int retransmissions;
        TaskScheduler.Cancellable resend;

        Pending(AppId app, MessageId id, byte[] dest, byte[] recipient, byte[] payload) {
            this.app = app;
            this.id = id;
            this.dest = dest;
            this.recipient = recipient;
            this.payload = payload;
        }
    }

    private final MessageSender sender;
    private final ReplyRegistry registry;
    private final AppEvents events;
    private final TaskScheduler scheduler;
    private final SecureRandom rng;
    private final Timing timing;
    private final Map<Key, Pending> pending = new HashMap<>();
    private final Map<SurbId, Pending> bySurb = new HashMap<>();
    private long retransmissionCount;
    private long giveUps;

    public ArqService(MessageSender sender, ReplyRegistry registry, AppEvents events, TaskScheduler scheduler,
            SecureRandom rng, Timing timing) {
        this.sender = sender;
        this.registry = registry;
        this.events = events;
        this.scheduler = scheduler;
        this.rng = rng;
        this.timing = timing;
    }

    /** First attempt; sends {@code message_sent_event} with the daemon-chosen SURB id. */
    public synchronized void start(AppId app, MessageId id, byte[] dest, byte[] recipient, byte[] payload) {
        Pending p = new Pending(app, id, dest == null ? null : dest.clone(), recipient == null ? null : recipient.clone(),
                payload == null ? new byte[0] : payload.clone());
        Pending old = pending.put(new Key(app, id), p);
        if (old != null) {
            drop(old);
        }
        Instant sentAt = scheduler.now();
        Attempt a = attempt(p);
        events.send(app, new ThinResponse.MessageSentEvent(id, thinSurb(p.surbId), sentAt,
                Duration.ofMillis(a.rtt), a.error == null ? null : a.error.getMessage()));
        if (a.error != null && !a.error.retryLater()) {
            pending.remove(new Key(app, id), p);
            return;
        }
        Duration gc = Duration.ofMillis(a.rtt).plus(timing.gcAfter());
        scheduler.schedule(gc, () -> events.send(app, new ThinResponse.MessageIdGarbageCollected(id)));
    }

    private record Attempt(long rtt, SendException error) {
    }

    /** Composes and sends one attempt with a fresh SURB id and arms the resend timer. */
    private Attempt attempt(Pending p) {
        SurbId surb = SurbId.random(rng);
        p.surbId = surb;
        long rtt = 0;
        SendException error = null;
        try {
            MessageSender.Prepared prep = sender.prepare(p.dest, p.recipient, p.payload, Optional.of(surb));
            rtt = prep.rttMillis();
            p.entry = new ReplyRegistry.ArqReply(p.app, p.id, prep.keys().orElseThrow());
            bySurb.put(surb, p);
            registry.put(surb, p.entry, Optional.empty());
            sender.write(prep);
        } catch (SendException e) {
            LOG.warn("ARQ message {}: attempt {} not sent: {}", p.id, p.retransmissions + 1, e.getMessage());
            error = e;
        }
        if (error == null || error.retryLater()) {
            Duration wait = Duration.ofMillis(rtt).plus(timing.slop());
            p.resend = scheduler.schedule(wait, () -> resend(p, surb));
        }
        return new Attempt(rtt, error);
    }

    private synchronized void resend(Pending p, SurbId armedFor) {
        if (pending.get(new Key(p.app, p.id)) != p || !armedFor.equals(p.surbId)) {
            return; // acknowledged or replaced meanwhile
        }
        forgetAttempt(p);
        if (!events.present(p.app)) {
            pending.remove(new Key(p.app, p.id));
            return;
        }
        if (p.retransmissions + 1 > timing.maxRetransmissions()) {
            pending.remove(new Key(p.app, p.id));
            giveUps++;
            LOG.info("ARQ message {}: no reply after {} retransmissions", p.id, p.retransmissions);
            events.send(p.app, new ThinResponse.MessageReplyEvent(p.id, thinSurb(p.surbId), Blob.EMPTY, null,
                    ErrorCode.MAX_RETRIES.code()));
            return;
        }
        p.retransmissions++;
        retransmissionCount++;
        LOG.info("ARQ message {}: retransmission {}", p.id, p.retransmissions);
        attempt(p);
    }

    /**
     * A reply for an ARQ SURB id arrived (the registry entry was already taken by the dispatcher).
     *
     * @return true if it was the current attempt of a pending message
     */
    public synchronized boolean onReply(SurbId surb, ReplyRegistry.ArqReply entry, byte[] payload) {
        Pending p = bySurb.remove(surb);
        if (p == null || p.entry != entry) {
            return false;
        }
        pending.remove(new Key(p.app, p.id), p);
        if (p.resend != null) {
            p.resend.cancel();
        }
        events.send(p.app, new ThinResponse.MessageReplyEvent(p.id, thinSurb(surb), Blob.of(payload), null,
                ErrorCode.SUCCESS.code()));
        return true;
    }

    /** The app disconnected: forget its messages. */
    public synchronized void removeApp(AppId app) {
        pending.values().removeIf(p -> {
            if (p.app.equals(app)) {
                drop(p);
                return true;
            }
            return false;
        });
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized long retransmissions() {
        return retransmissionCount;
    }

    /** Messages that got no reply after the last retransmission (error_code 5 sent to the app). */
    public synchronized long giveUps() {
        return giveUps;
    }

    private void drop(Pending p) {
        if (p.resend != null) {
            p.resend.cancel();
        }
        forgetAttempt(p);
    }

    private void forgetAttempt(Pending p) {
        if (p.surbId != null) {
            bySurb.remove(p.surbId, p);
            if (p.entry != null) {
                registry.remove(p.surbId, p.entry);
            }
        }
        p.entry = null;
    }

    static org.katzen4j.thinclient.protocol.SurbId thinSurb(SurbId s) {
        return s == null ? null : org.katzen4j.thinclient.protocol.SurbId.of(s.bytes());
    }
}
