package org.katzen4j.wire;

/**
 * The peer completed its half of the handshake but is not who we expected: its static link key or
 * its additional data (the hash of its identity key) differs from the PKI's ({@link Kind#PEER_NOT_AUTHENTIC}).
 */
public final class PeerAuthenticationException extends WireException {
    private static final long serialVersionUID = 1L;

    public PeerAuthenticationException(String message) {
        super(Kind.PEER_NOT_AUTHENTIC, message, null);
    }
}
