package org.katzen4j.daemon.listener;

import java.time.Duration;
import java.util.Objects;

import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;

/**
 * Listener settings.
 *
 * @param network {@code tcp}, {@code tcp4}, {@code tcp6} or {@code unix} (the reference's ListenNetwork)
 * @param address {@code host:port} or a socket path (ListenAddress); {@code @name} abstract sockets are not
 *        supported by the JDK. A TCP address without a host ({@code :port}) binds the loopback address (the
 *        reference binds every interface); any non-loopback address is allowed but logged at WARN.
 * @param maxFrameSize largest accepted request body; a larger length prefix closes that connection
 * @param maxQueuedFrames per-app outbound queue bound; an app that falls this far behind is disconnected
 * @param unixSocketOwnerOnly create the UNIX socket file with mode 0600 (bound in a private directory, then moved into place)
 * @param sendShutdownEvent send {@code shudown_event} to every app on shutdown (the reference never does)
 * @param shutdownFlushTimeout how long shutdown waits for each app's queued frames
 * @param decodeOptions request decoder settings (multiple commands, unknown keys, CBOR limits)
 * @param maxApps connected apps at most; a further connection is closed at once (logged at WARN), the
 *        connected apps are not affected
 * @param maxPendingPerApp answered requests one app may have waiting for their first answer (see
 *        {@link PendingRequests}); beyond it the listener answers the request itself with an error
 *        ({@code message_sent_event} with {@code err}, or error code 10 in channel replies) without
 *        handing it to the engine
 * @param maxChannelsPerApp open Pigeonhole channels one app may hold (enforced by the {@link ChannelTable}
 *        the channel service creates with this value)
 */
public record ListenerConfig(String network, String address, int maxFrameSize, int maxQueuedFrames,
        boolean unixSocketOwnerOnly, boolean sendShutdownEvent, Duration shutdownFlushTimeout,
        ThinRequest.DecodeOptions decodeOptions, int maxApps, int maxPendingPerApp, int maxChannelsPerApp) {

    public static final int DEFAULT_MAX_QUEUED_FRAMES = 4096;
    public static final int DEFAULT_MAX_APPS = 64;
    public static final int DEFAULT_MAX_PENDING_PER_APP = 64;
    public static final int DEFAULT_MAX_CHANNELS_PER_APP = ChannelTable.DEFAULT_MAX_PER_APP;

    public ListenerConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(shutdownFlushTimeout, "shutdownFlushTimeout");
        Objects.requireNonNull(decodeOptions, "decodeOptions");
        if (maxFrameSize <= 0 || maxQueuedFrames <= 0) {
            throw new IllegalArgumentException("maxFrameSize and maxQueuedFrames must be positive");
        }
        if (maxApps <= 0 || maxPendingPerApp <= 0 || maxChannelsPerApp <= 0) {
            throw new IllegalArgumentException("maxApps, maxPendingPerApp and maxChannelsPerApp must be positive");
        }
    }

    /**
     * Defaults: 40 MiB frames, 4096 queued frames per app, owner-only socket, shutdown event on,
     * 64 apps, 64 pending requests and 1024 channels per app.
     */
    public static ListenerConfig of(String network, String address) {
        return new ListenerConfig(network, address, Frames.DEFAULT_MAX_FRAME, DEFAULT_MAX_QUEUED_FRAMES, true, true,
                Duration.ofSeconds(2), ThinRequest.DecodeOptions.DEFAULT, DEFAULT_MAX_APPS, DEFAULT_MAX_PENDING_PER_APP,
                DEFAULT_MAX_CHANNELS_PER_APP);
    }

    /** Defaults with the daemon config's {@code ListenNetwork}/{@code ListenAddress}. */
    public static ListenerConfig fromClientConfig(org.katzen4j.config.ClientConfig c) {
        return of(c.listenNetwork(), c.listenAddress());
    }

    public ListenerConfig withMaxFrameSize(int n) {
        return new ListenerConfig(network, address, n, maxQueuedFrames, unixSocketOwnerOnly, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions, maxApps, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withMaxQueuedFrames(int n) {
        return new ListenerConfig(network, address, maxFrameSize, n, unixSocketOwnerOnly, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions, maxApps, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withUnixSocketOwnerOnly(boolean b) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, b, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions, maxApps, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withSendShutdownEvent(boolean b) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly, b,
                shutdownFlushTimeout, decodeOptions, maxApps, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withDecodeOptions(ThinRequest.DecodeOptions o) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly,
                sendShutdownEvent, shutdownFlushTimeout, o, maxApps, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withMaxApps(int n) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly,
                sendShutdownEvent, shutdownFlushTimeout, decodeOptions, n, maxPendingPerApp, maxChannelsPerApp);
    }

    public ListenerConfig withMaxPendingPerApp(int n) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly,
                sendShutdownEvent, shutdownFlushTimeout, decodeOptions, maxApps, n, maxChannelsPerApp);
    }

    public ListenerConfig withMaxChannelsPerApp(int n) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly,
                sendShutdownEvent, shutdownFlushTimeout, decodeOptions, maxApps, maxPendingPerApp, n);
    }
}
