package org.katzen4j.sphinx.commands;

import org.katzen4j.codec.DecodeException;

/** A routing-command block contains a type byte that is not a known command. */
public final class UnknownCommandException extends DecodeException {
    private static final long serialVersionUID = 1L;
    private final int commandType;

    public UnknownCommandException(int commandType) {
        super(String.format("sphinx: invalid per-hop command, unknown type 0x%02x", commandType));
        this.commandType = commandType;
    }

    public int commandType() {
        return commandType;
    }
}
