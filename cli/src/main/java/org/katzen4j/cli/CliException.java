package org.katzen4j.cli;

/** A user-facing failure of a katzen command (bad file, missing config, daemon not ready); printed without a stack trace. */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
