package org.katzen4j.wire.commands;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/** Asks for the signed consensus of an epoch, answered by gzip-compressed {@link Consensus2} chunks (what kpclientd sends; padded upstream). Body: {@code epoch} BE64 (an unsigned value carried in a long). */
public record GetConsensus2(long epoch) implements WireCommand {
    static final int BODY_LENGTH = 8;

    @Override
    public CommandId id() {
        return CommandId.GET_CONSENSUS2;
    }

    @Override
    public Padding padding() {
        return Padding.UPSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), BODY_LENGTH);
        Bytes.putU64(out, HEADER_LENGTH, epoch);
        return out;
    }

    static GetConsensus2 decodeBody(ByteReader body) throws DecodeException {
        GetConsensus2 c = new GetConsensus2(body.u64("GetConsensus2 epoch"));
        body.expectExhausted("GetConsensus2");
        return c;
    }

    @Override
    public String toString() {
        return "GetConsensus2[epoch=" + Long.toUnsignedString(epoch) + "]";
    }
}
