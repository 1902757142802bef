package org.katzen4j.wire.commands;

/** Does nothing; the gateway sends one right after the handshake. Body empty. */
public record NoOp() implements WireCommand {
    public static final NoOp INSTANCE = new NoOp();

    @Override
    public CommandId id() {
        return CommandId.NO_OP;
    }

    @Override
    public Padding padding() {
        return Padding.UPSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        return WireCommand.withHeader(id(), 0);
    }
}
