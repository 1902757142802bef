package org.katzen4j.daemon.listener;

import org.katzen4j.thinclient.protocol.ThinResponse;

/** The listener's side of the engine binding: replies to one app and broadcasts to all. */
public interface AppRouter {

    /** Sends a reply or event to one app; false if that app is no longer connected (the reply is dropped). */
    boolean send(AppId app, ThinResponse response);

    /** Records the gateway connection status and tells every app that has had its initial frames. */
    void connectionStatus(boolean connected);

    /**
     * Records a new PKI document and broadcasts it. Apps connecting later receive
     * {@code connectPayload} (the reference sends the canonical encoding on connect);
     * connected apps receive {@code broadcastPayload} (the reference's default encoding).
     * Apps that were waiting for a first document now get the status/document pair. The
     * payload is the reference's Document without signatures (with the pki module:
     * {@code DocumentBody.encodeCanonical()} and {@code encodeDefault()}); it is forwarded as is.
     */
    void pkiDocument(byte[] connectPayload, byte[] broadcastPayload);

    /** Same payload for connecting and connected apps. */
    default void pkiDocument(byte[] payload) {
        pkiDocument(payload, payload);
    }
}
