package org.katzen4j.thinclient;

import org.katzen4j.thinclient.protocol.ErrorCode;

/** A thin-client operation failed; {@link #kind()} says how, {@link #errorCode()} carries the daemon's code. */
public class ThinClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** thinclient.toml could not be used. */
        CONFIG,
        /** Socket I/O failed. */
        IO,
        /** The connection to the daemon is closed (or was closed while waiting). */
        CONNECTION_CLOSED,
        /** A blocking call's timeout passed. */
        TIMEOUT,
        /** The daemon reports no gateway connection (the reference client refuses sends then). */
        NOT_CONNECTED,
        /** No PKI document has been received yet. */
        NO_DOCUMENT,
        /** No service node offers the requested capability. */
        NO_SERVICE,
        /** The caller passed something the protocol cannot carry. */
        INVALID_ARGUMENT,
        /** The daemon answered with a non-zero error code. */
        ERROR_REPLY,
        /** The daemon sent something this client cannot use. */
        PROTOCOL
    }

    private final Kind kind;
    private final int errorCode;

    public ThinClientException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    public ThinClientException(Kind kind, String message, Throwable cause) {
        this(kind, message, -1, cause);
    }

    ThinClientException(Kind kind, String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    static ThinClientException errorReply(String what, int code) {
        return new ThinClientException(Kind.ERROR_REPLY, what + ": " + ErrorCode.describe(code) + " (" + code + ")",
                code, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The daemon's error code for {@link Kind#ERROR_REPLY}, else -1. */
    public int errorCode() {
        return errorCode;
    }
}
