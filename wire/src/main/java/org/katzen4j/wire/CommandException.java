package org.katzen4j.wire;

/** A wire command was malformed or not acceptable here ({@link Kind#MALFORMED_COMMAND}, {@link Kind#UNEXPECTED_COMMAND}). */
public final class CommandException extends WireException {
    private static final long serialVersionUID = 1L;

    public CommandException(Kind kind, String message) {
        super(kind, message, null);
    }

    public CommandException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public static CommandException malformed(String message) {
        return new CommandException(Kind.MALFORMED_COMMAND, message);
    }

    public static CommandException unexpected(String message) {
        return new CommandException(Kind.UNEXPECTED_COMMAND, message);
    }
}
