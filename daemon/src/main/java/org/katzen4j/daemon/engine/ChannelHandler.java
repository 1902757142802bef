package org.katzen4j.daemon.engine;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.thinclient.protocol.ThinRequest;

/**
 * Where the router sends Pigeonhole channel requests ({@code create_*}, {@code write_channel},
 * {@code read_channel}, {@code resume_*}, {@code close_channel}, {@code send_channel_query}).
 * {@link ChannelRequests} refuses them; the channel service plugs in here.
 */
public interface ChannelHandler {

    /** One channel request; must not block the listener's reader thread for long. */
    void handle(AppId app, ThinRequest request);

    /** The app is gone: drop its channels. */
    default void appDisconnected(AppId app) {
    }

    /** The daemon stops: end the handler's own threads (requests after this are not served). */
    default void close() {
    }
}
