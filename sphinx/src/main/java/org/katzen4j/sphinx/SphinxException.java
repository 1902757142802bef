package org.katzen4j.sphinx;

/**
 * Base of every checked failure in the sphinx module: bad peer bytes (wrong sizes, bad MACs,
 * unknown routing commands, failed payload authentication) and unusable configuration
 * (an inconsistent geometry). {@link #kind()} says which, so upper layers can map it.
 */
public class SphinxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for callers to switch on. */
    public enum Kind {
        /** A geometry is internally inconsistent or names an unsupported scheme. */
        INVALID_GEOMETRY,
        /** A packet, SURB, payload or key blob has the wrong length. */
        BAD_LENGTH,
        /** The two version bytes of a packet are not {@code 00 00}. */
        BAD_VERSION,
        /** The header MAC did not verify. */
        MAC_MISMATCH,
        /** The per-hop routing commands are malformed or unknown. */
        BAD_COMMAND,
        /** The 32-byte zero tag of a payload did not verify. */
        PAYLOAD_AUTH_FAILED,
        /** A public key, ciphertext or group element is unusable (e.g. low-order point). */
        BAD_KEY,
        /** A path is unusable: too long, too many commands for a hop, missing keys. */
        INVALID_PATH
    }

    private final Kind kind;

    public SphinxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SphinxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
