package org.katzen4j.wire.commands;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * Asks the gateway for the head of our queue (client to gateway). Body: {@code sequence} BE32.
 * Asking with the sequence after the last one answered by a Message or MessageACK acknowledges it.
 */
public record RetrieveMessage(long sequence) implements WireCommand {
    static final int BODY_LENGTH = 4;

    public RetrieveMessage {
        Bytes.checkU32(sequence, "sequence");
    }

    @Override
    public CommandId id() {
        return CommandId.RETRIEVE_MESSAGE;
    }

    @Override
    public Padding padding() {
        return Padding.UPSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), BODY_LENGTH);
        Bytes.putU32(out, HEADER_LENGTH, sequence);
        return out;
    }

    static RetrieveMessage decodeBody(ByteReader body) throws DecodeException {
        RetrieveMessage c = new RetrieveMessage(body.u32("RetrieveMessage sequence"));
        body.expectExhausted("RetrieveMessage");
        return c;
    }
}
