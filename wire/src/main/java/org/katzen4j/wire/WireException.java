package org.katzen4j.wire;

import java.util.Objects;

/**
 * Something went wrong on the wire link to a gateway. Every failure caused by the peer's bytes or
 * behaviour surfaces as one of the subclasses; {@link #kind()} tells callers what happened without
 * string matching. All of them are fatal to the session they occurred in: the session is closed and
 * the caller reconnects (possibly to another gateway).
 */
public abstract sealed class WireException extends Exception
        permits CommandException, HandshakeException, PeerAuthenticationException, TransportException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** A command's bytes did not parse (bad header, length, padding or body). */
        MALFORMED_COMMAND,
        /** A well-formed command that is not allowed in this direction or at this point. */
        UNEXPECTED_COMMAND,
        /** The Noise handshake failed (bad message, failed decryption, KEM failure, wrong prologue). */
        HANDSHAKE,
        /** The peer's static key or additional data did not match what we expect of it. */
        PEER_NOT_AUTHENTIC,
        /** The peer closed the link during the handshake, typically because it rejected us. */
        REJECTED_BY_PEER,
        /** A transport frame failed to decrypt or had an impossible length. */
        BAD_FRAME,
        /** The peer broke the session protocol (sequence numbers, unsolicited replies, ...). */
        PROTOCOL,
        /** The socket failed or was closed. */
        IO,
        /** A deadline passed. */
        TIMEOUT,
        /** The session was closed locally. */
        CLOSED
    }

    private final Kind kind;

    protected WireException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }
}
