package org.katzen4j.wire;

/** The established session failed: a bad frame, a protocol violation, I/O, a timeout or a local close. */
public final class TransportException extends WireException {
    private static final long serialVersionUID = 1L;

    public TransportException(Kind kind, String message) {
        super(kind, message, null);
    }

    public TransportException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
