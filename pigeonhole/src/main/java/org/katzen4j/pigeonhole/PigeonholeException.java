package org.katzen4j.pigeonhole;

/**
 * The failure type of the pigeonhole module for bad capabilities, indexes, ciphertexts and
 * protocol state. Byte-level decoding failures of courier/replica messages use the codec
 * module's {@link org.katzen4j.codec.DecodeException} instead.
 */
public final class PigeonholeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that map errors to protocol codes. */
    public enum Kind {
        /** A read or write capability is malformed (wrong length, invalid point, key mismatch). */
        INVALID_CAPABILITY,
        /** A message box index is malformed or cannot be moved as asked. */
        INVALID_INDEX,
        /** The 64-bit message index space is used up. */
        INDEX_EXHAUSTED,
        /** A box signature did not verify, or the box ID is not the expected one. */
        BAD_SIGNATURE,
        /** Authenticated decryption failed. */
        DECRYPTION_FAILED,
        /** A padded payload or message is malformed or too large. */
        BAD_PAYLOAD,
        /** Not enough storage replicas, or a replica lookup failed. */
        REPLICAS_UNAVAILABLE,
        /** A NIKE key is malformed or a key agreement failed. */
        BAD_KEY,
        /** A required native component (the CTIDH library) is not installed. */
        UNAVAILABLE
    }

    private final Kind kind;

    public PigeonholeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PigeonholeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
