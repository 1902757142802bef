package org.katzen4j.pki;

import java.util.Objects;

/**
 * Why a consensus, certificate or descriptor was refused, or why no document could be obtained.
 * Every failure on peer-supplied PKI bytes surfaces as this one checked type; {@link #kind()}
 * says what went wrong and {@link Kind#retryLater()} whether fetching the same epoch again can
 * help (the reference marks an epoch as failed for good when the document itself is bad).
 */
public final class PkiException extends Exception {

    public enum Kind {
        /** Bytes that do not decode as a certificate, document or descriptor, or break a format rule. */
        MALFORMED(false),
        /** A signature from a configured authority is present but does not verify, and too few others do. */
        FORGED_SIGNATURE(false),
        /** Fewer configured authorities signed (validly) than the threshold requires. */
        UNDER_SIGNED(false),
        /** The certificate's expiration epoch has been reached by the local clock. */
        EXPIRED(false),
        /** A valid document, but for another epoch than the one asked for. */
        WRONG_EPOCH(true),
        /** The document's Sphinx geometry hash differs from the configured geometry: a fatal configuration error. */
        GEOMETRY_MISMATCH(false),
        /** The gateway has no document for the epoch (yet). */
        NOT_FOUND(true),
        /** The gateway says there will never be a document for the epoch. */
        GONE(false),
        /** The fetch itself failed (not connected, I/O, timeout). */
        UNAVAILABLE(true);

        private final boolean retryLater;

        Kind(boolean retryLater) {
            this.retryLater = retryLater;
        }

        /** True if asking again for the same epoch later may succeed. */
        public boolean retryLater() {
            return retryLater;
        }
    }

    private final Kind kind;

    public PkiException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = Objects.requireNonNull(kind);
    }

    public PkiException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }

    static PkiException malformed(String message) {
        return new PkiException(Kind.MALFORMED, message);
    }

    static PkiException malformed(String message, Throwable cause) {
        return new PkiException(Kind.MALFORMED, message + ": " + cause.getMessage(), cause);
    }
}
