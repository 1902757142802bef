package org.katzen4j.daemon.listener;

import org.katzen4j.thinclient.protocol.ThinRequest;

/**
 * What the listener routes app requests to: the daemon's mixnet engine (or a scripted fake in
 * tests). Calls arrive on each connection's own reader thread: concurrently for different apps,
 * in order for one app. Blocking in {@link #handle} only delays that app's later requests
 * (its socket is not read meanwhile); other apps are unaffected. Replies may be sent from any
 * thread through {@link AppRouter#send}; they are queued per app and never block the caller.
 */
public interface Engine {

    /** Called once before the first connection is accepted. Replies and events go through {@code router}. */
    void bind(AppRouter router);

    /** A new app connected. */
    default void appConnected(AppId app) {
    }

    /** One decoded request from {@code app}; never {@code thin_close} (the listener handles that). */
    void handle(AppId app, ThinRequest request);

    /**
     * The app is gone (thin_close, end of stream, bad input, slow reader or daemon shutdown):
     * drop its channels, pending replies and ARQ state. Called exactly once per app.
     */
    void appDisconnected(AppId app);
}
