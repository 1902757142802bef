package org.katzen4j.daemon.engine;

/**
 * A send that could not be composed or written; the message is what {@code message_sent_event.err}
 * carries. {@link #retryLater()} says whether the same send may work later (not connected, no
 * document yet) or never will (payload too large, unknown destination).
 */
public final class SendException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryLater;

    public SendException(String message, boolean retryLater) {
        super(message);
        this.retryLater = retryLater;
    }

    public SendException(String message, boolean retryLater, Throwable cause) {
        super(message, cause);
        this.retryLater = retryLater;
    }

    public boolean retryLater() {
        return retryLater;
    }
}
