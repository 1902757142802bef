package org.katzen4j.wire;

/** The Noise handshake failed ({@link Kind#HANDSHAKE}, {@link Kind#REJECTED_BY_PEER}, {@link Kind#TIMEOUT}). */
public final class HandshakeException extends WireException {
    private static final long serialVersionUID = 1L;

    public HandshakeException(String message) {
        super(Kind.HANDSHAKE, message, null);
    }

    public HandshakeException(String message, Throwable cause) {
        super(Kind.HANDSHAKE, message, cause);
    }

    public HandshakeException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
