package org.katzen4j.thinclient.protocol;

/**
 * The thin-client error codes of v0.0.71 (a uint8 on the wire). Only codes 0..13 have a text in
 * the reference; for the others {@link #describe(int)} gives the same "Unknown thin client error
 * code: N" the Go client prints. Replies may also carry raw replica codes, so wire fields stay
 * {@code int} and are mapped here only for display and comparisons.
 */
public enum ErrorCode {
    SUCCESS(0, "Success"),
    CONNECTION_LOST(1, "Connection lost"),
    TIMEOUT(2, "Timeout"),
    INVALID_REQUEST(3, "Invalid request"),
    INTERNAL_ERROR(4, "Internal error"),
    MAX_RETRIES(5, "Maximum retries exceeded"),
    INVALID_CHANNEL(6, "Invalid channel"),
    CHANNEL_NOT_FOUND(7, "Channel not found"),
    PERMISSION_DENIED(8, "Permission denied"),
    INVALID_PAYLOAD(9, "Invalid payload"),
    SERVICE_UNAVAILABLE(10, "Service unavailable"),
    DUPLICATE_CAPABILITY(11, "Duplicate capability"),
    COURIER_CACHE_CORRUPTION(12, "Courier cache corruption"),
    PROPAGATION_ERROR(13, "Propagation error"),
    INVALID_WRITE_CAPABILITY(14, null),
    INVALID_READ_CAPABILITY(15, null),
    INVALID_RESUME_WRITE_CHANNEL_REQUEST(16, null),
    INVALID_RESUME_READ_CHANNEL_REQUEST(17, null),
    IMPOSSIBLE_HASH_ERROR(18, null),
    IMPOSSIBLE_NEW_WRITE_CAP_ERROR(19, null),
    IMPOSSIBLE_NEW_STATEFUL_WRITER_ERROR(20, null),
    CAPABILITY_ALREADY_IN_USE(21, null);

    private static final ErrorCode[] BY_CODE = values();

    private final int code;
    private final String text;

    ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The reference's text for this code (the "Unknown …" form for 14..21). */
    public String text() {
        return describe(code);
    }

    /** The code with this number, or null for numbers the reference does not define. */
    public static ErrorCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The text the reference's ThinClientErrorToString gives for any uint8. */
    public static String describe(int code) {
        ErrorCode c = fromCode(code);
        if (c != null && c.text != null) {
            return c.text;
        }
        return "Unknown thin client error code: " + code;
    }
}
