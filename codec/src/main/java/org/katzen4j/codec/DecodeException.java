package org.katzen4j.codec;

/**
 * Bytes from outside did not decode: truncated, malformed, trailing garbage or over a limit.
 * Checked, so every caller that parses peer bytes must decide what the failure means in its
 * own layer (drop a connection, answer an error, reject a document).
 */
public class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
