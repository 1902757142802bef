package org.katzen4j.crypto;

/**
 * A cryptographic input was rejected: a key, ciphertext, PEM text or scheme name that does not
 * fit the scheme, or an operation whose result must not be used (an all-zero Diffie-Hellman
 * output). Checked, because the bytes usually come from a peer, a configuration file or a PKI
 * document, and each caller decides what that means in its own layer.
 *
 * <p>{@link #kind()} says what was wrong; {@link #scheme()} names the scheme involved (or
 * {@code null} when no scheme was chosen yet). Programming errors (a key of one scheme passed to
 * another, using a closed private key) are {@link IllegalArgumentException} /
 * {@link IllegalStateException}, not this.
 */
public class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Kind {
        /** No scheme of that family has this name. */
        UNKNOWN_SCHEME,
        /** A public key, private key, seed, ciphertext or signature has the wrong length. */
        WRONG_SIZE,
        /** The length is right but the content is not a valid key (e.g. ML-KEM coefficient out of range, mismatched halves). */
        MALFORMED_KEY,
        /** A KEM ciphertext that the scheme rejects outright. */
        MALFORMED_CIPHERTEXT,
        /** A Diffie-Hellman computation gave the all-zero value (low-order peer point). */
        ZERO_SHARED_SECRET,
        /** Text that holds no decodable PEM block (missing markers, bad base64, headers). */
        MALFORMED_PEM,
        /** A PEM block whose label is not the one the scheme expects. */
        WRONG_PEM_LABEL,
        /** An AEAD ciphertext failed authentication (wrong key, nonce, associated data or tampered bytes). */
        AUTHENTICATION_FAILED,
        /** The scheme exists in hpqc but this operation is not available in Java. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String scheme;

    public CryptoException(Kind kind, String scheme, String message) {
        super(message);
        this.kind = kind;
        this.scheme = scheme;
    }

    public CryptoException(Kind kind, String scheme, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.scheme = scheme;
    }

    public Kind kind() {
        return kind;
    }

    /** The hpqc name of the scheme involved, or {@code null}. */
    public String scheme() {
        return scheme;
    }

    static CryptoException wrongSize(String scheme, String what, int expected, int actual) {
        return new CryptoException(Kind.WRONG_SIZE, scheme,
                scheme + ": " + what + " must be " + expected + " bytes, got " + actual);
    }
}
