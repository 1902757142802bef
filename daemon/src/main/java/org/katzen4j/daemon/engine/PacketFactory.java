package org.katzen4j.daemon.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.path.DelayPolicy;
import org.katzen4j.sphinx.path.EpochClock;
import org.katzen4j.sphinx.path.PacketComposer;
import org.katzen4j.sphinx.path.PathSelector;

/**
 * Turns one message into a Sphinx packet over a given document and gateway session: path
 * selection with the document's Mu/MuMaxDelay, hop keys of the epoch in which the packet is
 * expected to reach each hop (times read from the skewed clock), the reference's two-epoch
 * round-trip bound, the SURB for replies, and the forward payload framing (spec 5.1: a packet
 * without a SURB carries {@code 00 00 ‖ zeros(SURBLength) ‖ payload}). Stateless; thread-safe.
 */
public final class PacketFactory {
    private final Sphinx sphinx;
    private final SecureRandom rng;
    private final Clock skewedClock;
    private final Duration epochPeriod;
    private final EpochClock epochClock;

    public PacketFactory(Sphinx sphinx, SecureRandom rng, Clock skewedClock, Duration epochPeriod) {
        this.sphinx = sphinx;
        this.rng = rng;
        this.skewedClock = skewedClock;
        this.epochPeriod = epochPeriod;
        this.epochClock = new EpochTime(epochPeriod);
    }

    public Sphinx sphinx() {
        return sphinx;
    }

    /**
     * @param gatewayIdHash the gateway this session is connected to (forward source, SURB destination)
     * @param queueId our queue at that gateway (the SURB recipient)
     * @param surbId present to attach a SURB
     */
    public PacketComposer.Composed compose(Document doc, byte[] gatewayIdHash, byte[] queueId, byte[] destIdHash,
            byte[] recipient, byte[] payload, Optional<SurbId> surbId) throws SendException {
        if (payload.length > sphinx.geometry().userForwardPayloadLength()) {
            throw new SendException("message too large: " + payload.length + " > "
                    + sphinx.geometry().userForwardPayloadLength(), false);
        }
        if (recipient.length == 0 || recipient.length > 32) {
            throw new SendException("invalid recipient queue id length " + recipient.length, false);
        }
        MixDescriptor gw = doc.gateway(gatewayIdHash)
                .orElseThrow(() -> new SendException("gateway not listed in the PKI document for epoch " + doc.epoch(),
                        true));
        MixDescriptor dst = doc.serviceNode(destIdHash)
                .orElseThrow(() -> new SendException("destination service node not found in the PKI document", false));
        DelayPolicy delays;
        try {
            delays = new DelayPolicy(doc.body().mu(), doc.body().muMaxDelay());
        } catch (IllegalArgumentException e) {
            throw new SendException("PKI document: " + e.getMessage(), true);
        }
        PathSelector selector = new PathSelector(NodeView.topology(doc), delays, epochClock, rng);
        PacketComposer composer = new PacketComposer(sphinx, selector, rng, 2 * epochPeriod.toMillis());
        long now = skewedClock.instant().getEpochSecond() * 1000L; // whole seconds, as the reference
        try {
            return composer.compose(new NodeView(gw), new NodeView(dst), recipient, payload, surbId, queueId, now);
        } catch (SphinxException e) {
            throw new SendException(e.getMessage(), true, e);
        }
    }
}
