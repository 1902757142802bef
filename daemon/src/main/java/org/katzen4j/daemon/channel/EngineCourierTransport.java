package org.katzen4j.daemon.channel;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.katzen4j.daemon.engine.MessageSender;
import org.katzen4j.daemon.engine.SendException;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.ctidh.Ctidh1024;
import org.katzen4j.pigeonhole.ctidh.CtidhX25519Nike;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.ReplicaDescriptor;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.SurbKeys;

/**
 * {@link CourierQueryTransport} over the daemon engine: the replicas come from the engine's
 * current PKI document, a query is composed by the engine's {@link MessageSender} (Sphinx packet
 * with a SURB to the courier) as a job of a {@link SendQueue} (in the daemon, the engine's
 * Poisson send scheduler, so channel queries leave on LambdaP ticks as in the reference; it may
 * refuse when full), its SURB registered through
 * {@link SurbRegistrar} (the engine's reply registry), then written to the gateway session.
 */
public final class EngineCourierTransport implements CourierQueryTransport {
    private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Registers a pending channel SURB with the engine: when a reply for {@code id} arrives the
     * engine removes its Sphinx layers and calls {@code onReply} with the plaintext; entries of an
     * app that disconnects are dropped. Returns an action that unregisters it (send failed).
     */
    @FunctionalInterface
    public interface SurbRegistrar {
        Runnable register(SurbId id, AppId app, SurbKeys keys, Consumer<byte[]> onReply);
    }

    private final MessageSender sender;
    private final SendQueue sendJobs;
    private final SurbRegistrar registrar;
    private final SecureRandom rng;
    private final Clock clock;

    public EngineCourierTransport(MessageSender sender, SendQueue sendJobs, SurbRegistrar registrar,
            SecureRandom rng, Clock clock) {
        this.sender = sender;
        this.sendJobs = sendJobs;
        this.registrar = registrar;
        this.rng = rng;
        this.clock = clock;
    }

    /**
     * Where a channel query's send job waits for its turn. The daemon passes its Poisson send
     * scheduler's {@code submit} (one job per LambdaP tick, queued per app, so channel queries
     * leave at the same pace as every other packet and are not told apart by timing); false means
     * the queue is full and the query is refused.
     */
    @FunctionalInterface
    public interface SendQueue {
        boolean submit(AppId app, Runnable job);

        /** Runs each job as soon as {@code executor} takes it (no pacing; tests, or an engine without a scheduler). */
        static SendQueue immediate(Executor executor) {
            return (app, job) -> {
                try {
                    executor.execute(job);
                    return true;
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return false;
                }
            };
        }
    }

    /** The storage replicas of {@code doc} in document order (the replica numbers' index space). */
    public static ReplicaDirectory directory(Document doc) {
        List<ReplicaDirectory.Replica> out = new ArrayList<>();
        for (ReplicaDescriptor r : doc.storageReplicas()) {
            out.add(new ReplicaDirectory.Replica(r.identityKey(), r.envelopeKeys()));
        }
        return new ReplicaDirectory(doc.epoch(), out);
    }

    @Override
    public Optional<ReplicaDirectory> replicas() {
        return sender.document().map(EngineCourierTransport::directory);
    }

    /**
     * Queues the query's send job and returns at once: the future completes when the job ran on
     * a tick (packet written, SURB registered) or failed, and fails after {@link #ENGINE_TIMEOUT}
     * if no tick ran it (the job is then skipped if it still comes up). No thread waits meanwhile.
     */
    @Override
    public CompletableFuture<Sent> sendAsync(AppId app, byte[] destinationIdHash, byte[] recipientQueueId,
            byte[] payload, Consumer<byte[]> onReply) {
        SurbId id = SurbId.random(rng);
        CompletableFuture<Sent> done = new CompletableFuture<>();
        Runnable job = () -> {
            if (done.isDone()) {
                return; // timed out: the app was already told the query was not sent
            }
            try {
                MessageSender.Prepared p = sender.prepare(destinationIdHash, recipientQueueId, payload, Optional.of(id));
                Runnable undo = registrar.register(id, app, p.keys().orElseThrow(), onReply);
                try {
                    sender.write(p);
                } catch (SendException e) {
                    undo.run();
                    throw e;
                }
                if (!done.complete(new Sent(clock.instant(), Duration.ofMillis(p.rttMillis())))) {
                    undo.run(); // the app gave up on it meanwhile; its reply would find no one
                }
            } catch (SendException | RuntimeException e) {
                done.completeExceptionally(new TransportException(e.getMessage(), e));
            }
        };
        if (!sendJobs.submit(app, job)) {
            done.completeExceptionally(new TransportException("send queue full"));
            return done;
        }
        done.completeOnTimeout(null, ENGINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return done.thenCompose(sent -> sent != null ? CompletableFuture.completedFuture(sent)
                : CompletableFuture.failedFuture(new TransportException("engine did not send within " + ENGINE_TIMEOUT)));
    }

    @Override
    public Sent send(AppId app, byte[] destinationIdHash, byte[] recipientQueueId, byte[] payload,
            Consumer<byte[]> onReply) throws TransportException {
        try {
            return sendAsync(app, destinationIdHash, recipientQueueId, payload, onReply).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException t ? t
                    : new TransportException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted");
        }
    }

    /**
     * The daemon's channel service: MKEM over the replica NIKE CTIDH1024-X25519 (fails with a clear
     * message when the native CTIDH library is missing), the Pigeonhole geometry for box sizes,
     * two crypto threads, channel ids usable by any app unless {@code ownershipEnforced}.
     */
    public static ChannelService daemonService(MessageSender sender, SendQueue sendJobs, SurbRegistrar registrar,
            ChannelService.EventSink sink, int maxPlaintextPayloadLength, SecureRandom rng, Clock clock,
            Duration pkiEpochPeriod, boolean ownershipEnforced) throws PigeonholeException {
        Ctidh1024.requireAvailable();
        PigeonholeGeometry geo = PigeonholeGeometry.of(maxPlaintextPayloadLength, CtidhX25519Nike.NAME);
        Mkem mkem = new Mkem(CtidhX25519Nike.INSTANCE, rng);
        EngineCourierTransport t = new EngineCourierTransport(sender, sendJobs, registrar, rng, clock);
        return ChannelService.withOwnThreads(t, sink, geo, mkem, rng, clock, pkiEpochPeriod, 2, ownershipEnforced);
    }
}
