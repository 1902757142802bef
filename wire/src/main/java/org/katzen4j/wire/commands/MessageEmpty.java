package org.katzen4j.wire.commands;

/**
 * Our queue is empty (gateway to client, command 17 type 2). Body: {@code type=2 | 0 | sequence BE32}
 * followed by zeros to the length of a MessageACK body. The sequence echoes the request's; it does
 * not advance the client's sequence.
 */
public record MessageEmpty(long sequence) implements WireCommand {
    public MessageEmpty {
        Bytes.checkU32(sequence, "sequence");
    }

    @Override
    public CommandId id() {
        return CommandId.MESSAGE;
    }

    @Override
    public Padding padding() {
        return Padding.DOWNSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), geometry.ackBodyLength());
        out[HEADER_LENGTH] = Message.TYPE_EMPTY;
        Bytes.putU32(out, HEADER_LENGTH + 2, sequence);
        return out;
    }
}
