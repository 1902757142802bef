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
import java.util.concurrent.TimeoutException;
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
 * with a SURB to the courier) as a job of {@code sendJobs} (the engine's Poisson send scheduler,
 * so channel queries leave on LambdaP ticks as in the reference; it may refuse with
 * {@link java.util.concurrent.RejectedExecutionException} when full), its SURB registered through
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
    private final Executor sendJobs;
    private final SurbRegistrar registrar;
    private final SecureRandom rng;
    private final Clock clock;

    public EngineCourierTransport(MessageSender sender, Executor sendJobs, SurbRegistrar registrar,
            SecureRandom rng, Clock clock) {
        this.sender = sender;
        this.sendJobs = sendJobs;
        this.registrar = registrar;
        this.rng = rng;
        this.clock = clock;
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

    @Override
    public Sent send(AppId app, byte[] destinationIdHash, byte[] recipientQueueId, byte[] payload,
            Consumer<byte[]> onReply) throws TransportException {
        SurbId id = SurbId.random(rng);
        CompletableFuture<Sent> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable job = () -> {
            if (abandoned.get()) {
                return; // the app was already told the query was not sent
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
                done.complete(new Sent(clock.instant(), Duration.ofMillis(p.rttMillis())));
            } catch (SendException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        try {
            sendJobs.execute(job);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new TransportException("send queue full");
        }
        try {
            return done.get(ENGINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TransportException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            abandoned.set(true);
            throw new TransportException("engine did not send within " + ENGINE_TIMEOUT);
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
    public static ChannelService daemonService(MessageSender sender, Executor sendJobs, SurbRegistrar registrar,
            ChannelService.EventSink sink, int maxPlaintextPayloadLength, SecureRandom rng, Clock clock,
            Duration pkiEpochPeriod, boolean ownershipEnforced) throws PigeonholeException {
        Ctidh1024.requireAvailable();
        PigeonholeGeometry geo = PigeonholeGeometry.of(maxPlaintextPayloadLength, CtidhX25519Nike.NAME);
        Mkem mkem = new Mkem(CtidhX25519Nike.INSTANCE, rng);
        EngineCourierTransport t = new EngineCourierTransport(sender, sendJobs, registrar, rng, clock);
        return ChannelService.withOwnThreads(t, sink, geo, mkem, rng, clock, pkiEpochPeriod, 2, ownershipEnforced);
    }
}
