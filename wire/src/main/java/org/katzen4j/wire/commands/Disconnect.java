package org.katzen4j.wire.commands;

/** The peer is closing the session. Body empty. */
public record Disconnect() implements WireCommand {
    public static final Disconnect INSTANCE = new Disconnect();

    @Override
    public CommandId id() {
        return CommandId.DISCONNECT;
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
