package org.katzen4j.daemon.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.katzen4j.pki.Document;
import org.katzen4j.pki.ServiceAddress;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.SurbKeys;
import org.katzen4j.sphinx.path.PacketComposer;

/**
 * The send operation every sender shares (legacy sends, ARQ attempts, decoys): take the current
 * document and gateway session, compose, let the caller record the SURB state, then write the
 * packet. Stateless apart from its collaborators.
 */
public final class MessageSender {

    /** A composed packet bound to the session it was built for. */
    public record Prepared(GatewayLink.Session session, byte[] packet, long rttMillis, Optional<SurbKeys> keys) {
    }

    private final PacketFactory factory;
    private final Supplier<Optional<Document>> documents;
    private final GatewayLink link;
    private final java.util.concurrent.atomic.AtomicLong packetsSent = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong decoysSent = new java.util.concurrent.atomic.AtomicLong();

    public MessageSender(PacketFactory factory, Supplier<Optional<Document>> documents, GatewayLink link) {
        this.factory = factory;
        this.documents = documents;
        this.link = link;
    }

    public PacketFactory factory() {
        return factory;
    }

    public Optional<Document> document() {
        return documents.get();
    }

    /** Composes a packet for the current session and document. */
    public Prepared prepare(byte[] destIdHash, byte[] recipient, byte[] payload, Optional<SurbId> surbId)
            throws SendException {
        if (destIdHash == null) {
            throw new SendException("missing destination_id_hash", false);
        }
        if (recipient == null || recipient.length == 0) {
            throw new SendException("missing recipient_queue_id", false);
        }
        GatewayLink.Session s = link.session().orElseThrow(() -> new SendException("not connected", true));
        Document doc = documents.get().orElseThrow(() -> new SendException("no PKI document", true));
        PacketComposer.Composed c = factory.compose(doc, s.gatewayIdHash(), s.queueId(), destIdHash, recipient,
                payload == null ? new byte[0] : payload, surbId);
        return new Prepared(s, c.packet(), c.roundTripMillis(), c.surbKeys());
    }

    /** Writes a prepared packet carrying an app's message (blocks until the wire layer has it). */
    public void write(Prepared p) throws SendException {
        link.sendPacket(p.session(), p.packet());
        packetsSent.incrementAndGet();
    }

    /** Writes a prepared decoy packet (counted apart from real ones). */
    public void writeDecoy(Prepared p) throws SendException {
        link.sendPacket(p.session(), p.packet());
        decoysSent.incrementAndGet();
    }

    /** Real (non-decoy) packets handed to the gateway connection so far. */
    public long packetsSent() {
        return packetsSent.get();
    }

    /** Decoy packets handed to the gateway connection so far. */
    public long decoysSent() {
        return decoysSent.get();
    }

    /** A random service offering {@code capability} in the current document (loop decoys use "echo"). */
    public Optional<ServiceAddress> randomService(String capability, RandomGenerator rng) {
        Optional<Document> d = documents.get();
        if (d.isEmpty()) {
            return Optional.empty();
        }
        List<ServiceAddress> s = d.get().services(capability);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(rng.nextInt(s.size())));
    }
}
