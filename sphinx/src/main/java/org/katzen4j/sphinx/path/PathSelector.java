package org.katzen4j.sphinx.path;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.katzen4j.sphinx.PathHop;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.SurbReply;

/**
 * Client path selection as the reference does it:
 *
 * <ul>
 * <li>forward: {@code [gateway] ‖ one uniformly random mix per layer ‖ [service node]};</li>
 * <li>reverse (SURB): {@code one uniformly random mix per layer ‖ [gateway]};</li>
 * <li>each hop's key is its mix key for the epoch of the estimated arrival time at that hop (base
 *     time plus the delays of the hops before it); if a node has no key for that epoch the whole
 *     selection is retried, at most 3 times;</li>
 * <li>NodeDelay on every non-terminal hop, and on the terminal forward hop when a SURB id is
 *     given; Recipient on the terminal hop; SURBReply after it on a reverse path.</li>
 * </ul>
 */
public final class PathSelector {
    /** The reference's attempt limit. */
    public static final int MAX_ATTEMPTS = 3;

    private final Topology topology;
    private final DelayPolicy delays;
    private final EpochClock clock;
    private final SecureRandom rng;

    public PathSelector(Topology topology, DelayPolicy delays, EpochClock clock, SecureRandom rng) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.delays = Objects.requireNonNull(delays, "delays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /**
     * A forward path from our gateway through every layer to {@code service}, delivering to
     * {@code recipient} (at most 32 bytes, zero padded).
     *
     * @param surbId present when the packet carries a SURB (then the terminal hop gets a delay too)
     */
    public SelectedPath forward(PathNode gateway, PathNode service, byte[] recipient, Optional<SurbId> surbId,
                                long baseTimeMillis) throws SphinxException {
        return select(gateway, service, recipient, surbId, true, baseTimeMillis);
    }

    /**
     * A reverse (SURB) path through every layer back to our gateway, delivering to our queue
     * {@code recipientQueue} with {@code surbId}.
     */
    public SelectedPath reverse(PathNode gateway, byte[] recipientQueue, SurbId surbId, long baseTimeMillis)
            throws SphinxException {
        return select(null, gateway, recipientQueue, Optional.of(surbId), false, baseTimeMillis);
    }

    private SelectedPath select(PathNode first, PathNode last, byte[] recipient, Optional<SurbId> surbId,
                                boolean isForward, long baseTimeMillis) throws SphinxException {
        Objects.requireNonNull(last, "destination");
        if (recipient.length > Recipient.ID_LENGTH) {
            throw new SphinxException(Kind.INVALID_PATH, "recipient id is longer than 32 bytes");
        }
        Recipient rcpt = Recipient.padded(recipient);
        attempts:
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<PathNode> nodes = new ArrayList<>();
            if (first != null) {
                nodes.add(first);
            }
            List<? extends List<? extends PathNode>> layers = topology.layers();
            for (int l = 0; l < layers.size(); l++) {
                List<? extends PathNode> layer = layers.get(l);
                if (layer.isEmpty()) {
                    throw new SphinxException(Kind.INVALID_PATH, "path: layer " + l + " has no nodes");
                }
                nodes.add(layer.get(rng.nextInt(layer.size())));
            }
            nodes.add(last);

            long then = baseTimeMillis;
            List<PathHop> hops = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                PathNode node = nodes.get(i);
                long epoch = clock.epochOf(Math.floorDiv(then, 1000L));
                Optional<byte[]> key = node.mixKey(epoch);
                if (key.isEmpty()) {
                    continue attempts;
                }
                boolean terminal = i == nodes.size() - 1;
                List<RoutingCommand> cmds = new ArrayList<>(3);
                if (!terminal || (surbId.isPresent() && isForward)) {
                    long d = delays.sample(rng);
                    then += d;
                    cmds.add(new NodeDelay(d));
                }
                if (terminal) {
                    cmds.add(rcpt);
                    if (surbId.isPresent() && !isForward) {
                        cmds.add(new SurbReply(surbId.get().bytes()));
                    }
                }
                hops.add(new PathHop(node.idHash(), key.get(), cmds));
            }
            return new SelectedPath(hops, baseTimeMillis, then);
        }
        throw new SphinxException(Kind.INVALID_PATH, "path: max path selection attempts exceeded");
    }
}
