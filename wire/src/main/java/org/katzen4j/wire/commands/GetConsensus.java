package org.katzen4j.wire.commands;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/** Asks for the signed consensus of an epoch in one {@link Consensus} reply (not used by kpclientd; never padded on a gateway link). Body: {@code epoch} BE64 (an unsigned value carried in a long). */
public record GetConsensus(long epoch) implements WireCommand {
    static final int BODY_LENGTH = 8;

    @Override
    public CommandId id() {
        return CommandId.GET_CONSENSUS;
    }

    @Override
    public Padding padding() {
        return Padding.NONE;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), BODY_LENGTH);
        Bytes.putU64(out, HEADER_LENGTH, epoch);
        return out;
    }

    static GetConsensus decodeBody(ByteReader body) throws DecodeException {
        GetConsensus c = new GetConsensus(body.u64("GetConsensus epoch"));
        body.expectExhausted("GetConsensus");
        return c;
    }

    @Override
    public String toString() {
        return "GetConsensus[epoch=" + Long.toUnsignedString(epoch) + "]";
    }
}
