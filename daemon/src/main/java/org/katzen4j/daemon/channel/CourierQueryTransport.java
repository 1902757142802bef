package org.katzen4j.daemon.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import org.katzen4j.daemon.listener.AppId;

/**
 * Everything the channel service needs from the mixnet engine: the storage replicas of the
 * current PKI document, and sending a prepared courier query in a Sphinx packet with a SURB. The
 * engine adapter implements it over the gateway session and the SURB reply registry; unit tests
 * implement it with an in-process courier.
 */
public interface CourierQueryTransport {

    /** The storage replicas of the current PKI document, or empty when there is no document yet. */
    Optional<ReplicaDirectory> replicas();

    /**
     * Sends {@code payload} (a {@code send_message_payload}) to the courier at
     * {@code destinationIdHash}/{@code recipientQueueId} with a fresh SURB. May block until the
     * packet is handed to the gateway link. {@code onReply} is called at most once, later, on any
     * thread, with the SURB reply payload after the Sphinx layers are removed; it is dropped
     * without a call if {@code app} disconnects first.
     *
     * @return when the packet left and the expected round trip
     */
    Sent send(AppId app, byte[] destinationIdHash, byte[] recipientQueueId, byte[] payload, Consumer<byte[]> onReply)
            throws TransportException;

    /**
     * {@link #send} without blocking the caller: the future completes with the outcome, or
     * exceptionally with a {@link TransportException}. The default runs {@link #send} on the
     * caller's thread; transports whose sends wait for a turn (the engine's) override it.
     */
    default java.util.concurrent.CompletableFuture<Sent> sendAsync(AppId app, byte[] destinationIdHash,
            byte[] recipientQueueId, byte[] payload, Consumer<byte[]> onReply) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    send(app, destinationIdHash, recipientQueueId, payload, onReply));
        } catch (TransportException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(new TransportException(e.getMessage(), e));
        }
    }

    /** The outcome of a send that reached the gateway link. */
    record Sent(Instant sentAt, Duration replyEta) {
    }

    /** The query could not be sent (not connected, no document, unknown courier, too large). */
    final class TransportException extends Exception {
        private static final long serialVersionUID = 1L;

        public TransportException(String message) {
            super(message);
        }

        public TransportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
