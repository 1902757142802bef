package org.katzen4j.sphinx.path;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

import org.katzen4j.sphinx.ForwardPayload;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.Surb;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.SurbKeys;

/**
 * What the client does to send one message (the reference client's ComposeSphinxPacket): select a
 * forward path (gateway → one mix per layer → service node); with a SURB, select the reverse path
 * starting at the forward path's estimated arrival time, make the SURB, and frame the forward
 * payload as {@code 01 00 ‖ SURB ‖ user payload}; then make the packet. Paths whose total delay
 * reaches {@code maxRoundTripMillis} (the reference uses two epoch periods) are drawn again.
 */
public final class PacketComposer {
    /** Draws before giving up on a path short enough (the reference retries without limit). */
    public static final int MAX_DRAWS = 16;

    private final Sphinx sphinx;
    private final PathSelector selector;
    private final SecureRandom rng;
    private final long maxRoundTripMillis;

    public PacketComposer(Sphinx sphinx, PathSelector selector, SecureRandom rng, long maxRoundTripMillis) {
        this.sphinx = Objects.requireNonNull(sphinx, "sphinx");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.maxRoundTripMillis = maxRoundTripMillis;
    }

    /**
     * A composed packet. {@code surbKeys} is present iff a SURB id was given; the caller stores it
     * under the SURB id and closes it when the reply has been handled or has expired.
     * {@code roundTripMillis} is the sum of all forward and reverse delays.
     */
    public record Composed(byte[] packet, byte[] firstHop, Optional<SurbId> surbId, Optional<SurbKeys> surbKeys,
                           long roundTripMillis, SelectedPath forward, Optional<SelectedPath> reverse) {
        @Override
        public String toString() {
            return "Composed[" + packet.length + " bytes, rtt " + roundTripMillis + " ms, surb " + surbId + "]";
        }
    }

    /**
     * @param recipient   the service's queue (at most 32 bytes, e.g. {@code "+echo"})
     * @param userPayload at most UserForwardPayloadLength bytes
     * @param surbId      present to attach a SURB for the reply
     * @param ourQueue    our queue id at the gateway (the SURB's Recipient); used only with a SURB
     */
    public Composed compose(PathNode gateway, PathNode service, byte[] recipient, byte[] userPayload,
                            Optional<SurbId> surbId, byte[] ourQueue, long nowMillis) throws SphinxException {
        if (userPayload.length > sphinx.geometry().userForwardPayloadLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "message too large: " + userPayload.length + " > "
                    + sphinx.geometry().userForwardPayloadLength());
        }
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            SelectedPath fwd = selector.forward(gateway, service, recipient, surbId, nowMillis);
            Optional<SelectedPath> rev = surbId.isPresent()
                    ? Optional.of(selector.reverse(gateway, ourQueue, surbId.get(), fwd.endTimeMillis()))
                    : Optional.empty();
            long end = rev.map(SelectedPath::endTimeMillis).orElse(fwd.endTimeMillis());
            long rtt = end - nowMillis;
            if (maxRoundTripMillis > 0 && rtt >= maxRoundTripMillis) {
                continue;
            }
            if (rev.isEmpty()) {
                byte[] payload = ForwardPayload.withoutSurb(sphinx.geometry(), userPayload);
                byte[] pkt = sphinx.newPacket(rng, fwd.hops(), payload);
                return new Composed(pkt, fwd.hops().get(0).id(), Optional.empty(), Optional.empty(), rtt, fwd, rev);
            }
            Surb surb = sphinx.newSurb(rng, rev.get().hops());
            try {
                byte[] payload = ForwardPayload.withSurb(sphinx.geometry(), surb.bytes(), userPayload);
                byte[] pkt = sphinx.newPacket(rng, fwd.hops(), payload);
                return new Composed(pkt, fwd.hops().get(0).id(), surbId, Optional.of(surb.keys()), rtt, fwd, rev);
            } catch (SphinxException | RuntimeException e) {
                surb.close();
                throw e;
            }
        }
        throw new SphinxException(Kind.INVALID_PATH, "path: no path with a round trip under " + maxRoundTripMillis
                + " ms after " + MAX_DRAWS + " draws");
    }
}
