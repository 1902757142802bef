package org.katzen4j.sphinx;

import java.util.List;
import java.util.Optional;

import org.katzen4j.sphinx.commands.NextNodeHop;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.SurbReply;

/**
 * What one hop learns from unwrapping a packet (the mix side; used by tests and the in-process
 * fake network).
 *
 * <ul>
 * <li>{@code replayTag}: SHA-512/256 of the group element or KEM ciphertext.</li>
 * <li>{@code commands}: this hop's routing commands, in order, including NextNodeHop.</li>
 * <li>forwarded packet (there was a NextNodeHop): {@link #nextPacket()} is the transformed packet
 *     (same length) and {@link #payload()} is empty.</li>
 * <li>terminal hop: {@link #payload()} is the forward payload with the zero tag checked and removed, or,
 *     if there is a SURBReply command, the full still-encrypted 32 + ForwardPayloadLength bytes.</li>
 * </ul>
 */
public final class UnwrapResult {
    private final byte[] replayTag;
    private final List<RoutingCommand> commands;
    private final byte[] nextPacket;
    private final byte[] payload;

    UnwrapResult(byte[] replayTag, List<RoutingCommand> commands, byte[] nextPacket, byte[] payload) {
        this.replayTag = replayTag;
        this.commands = List.copyOf(commands);
        this.nextPacket = nextPacket;
        this.payload = payload;
    }

    public byte[] replayTag() {
        return replayTag.clone();
    }

    public List<RoutingCommand> commands() {
        return commands;
    }

    public Optional<NextNodeHop> nextHop() {
        return commands.stream().filter(NextNodeHop.class::isInstance).map(NextNodeHop.class::cast).findFirst();
    }

    public Optional<SurbReply> surbReply() {
        return commands.stream().filter(SurbReply.class::isInstance).map(SurbReply.class::cast).findFirst();
    }

    public boolean isTerminal() {
        return nextPacket == null;
    }

    /** The packet to forward, empty at a terminal hop. */
    public Optional<byte[]> nextPacket() {
        return Optional.ofNullable(nextPacket).map(byte[]::clone);
    }

    /** The payload delivered at a terminal hop, empty when forwarding. */
    public Optional<byte[]> payload() {
        return Optional.ofNullable(payload).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "UnwrapResult[commands=" + commands + ", terminal=" + isTerminal() + "]";
    }
}
