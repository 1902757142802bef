package org.katzen4j.wire;

import java.security.MessageDigest;
import java.util.Objects;

import org.katzen4j.crypto.KeyHash;

/** Decides whether the peer's handshake credentials are acceptable; throws to refuse it. */
@FunctionalInterface
public interface PeerAuthenticator {
    void authenticate(PeerCredentials peer) throws PeerAuthenticationException;

    /**
     * The client's check of a gateway (kpclientd's {@code IsPeerValid}): its static key must be
     * exactly the link key from the PKI descriptor (or pinned config), and its additional data must be
     * BLAKE2b-256 of the descriptor's identity key.
     */
    static PeerAuthenticator gateway(byte[] expectedLinkKey, byte[] identityPublicKey) {
        byte[] link = Objects.requireNonNull(expectedLinkKey).clone();
        byte[] idHash = KeyHash.of(Objects.requireNonNull(identityPublicKey));
        return peer -> {
            if (!MessageDigest.isEqual(peer.linkPublicKey(), link)) {
                throw new PeerAuthenticationException("gateway link key does not match the expected one");
            }
            if (!MessageDigest.isEqual(peer.additionalData(), idHash)) {
                throw new PeerAuthenticationException(
                        "gateway additional data is not the hash of the expected identity key");
            }
        };
    }

    /** Accepts anyone (tests, and the responder side of test gateways). */
    static PeerAuthenticator acceptAll() {
        return peer -> {};
    }
}
