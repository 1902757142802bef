package org.katzen4j.daemon.listener;

import java.time.Duration;
import java.util.Objects;

import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;

/**
 * Listener settings.
 *
 * @param network {@code tcp}, {@code tcp4}, {@code tcp6} or {@code unix} (the reference's ListenNetwork)
 * @param address {@code host:port} or a socket path (ListenAddress); {@code @name} abstract sockets are not supported by the JDK
 * @param maxFrameSize largest accepted request body; a larger length prefix closes that connection
 * @param maxQueuedFrames per-app outbound queue bound; an app that falls this far behind is disconnected
 * @param unixSocketOwnerOnly create the UNIX socket file with mode 0600 (bound in a private directory, then moved into place)
 * @param sendShutdownEvent send {@code shudown_event} to every app on shutdown (the reference never does)
 * @param shutdownFlushTimeout how long shutdown waits for each app's queued frames
 * @param decodeOptions request decoder settings (multiple commands, unknown keys, CBOR limits)
 */
public record ListenerConfig(String network, String address, int maxFrameSize, int maxQueuedFrames,
        boolean unixSocketOwnerOnly, boolean sendShutdownEvent, Duration shutdownFlushTimeout,
        ThinRequest.DecodeOptions decodeOptions) {

    public ListenerConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(shutdownFlushTimeout, "shutdownFlushTimeout");
        Objects.requireNonNull(decodeOptions, "decodeOptions");
        if (maxFrameSize <= 0 || maxQueuedFrames <= 0) {
            throw new IllegalArgumentException("maxFrameSize and maxQueuedFrames must be positive");
        }
    }

    /** Defaults: 40 MiB frames, 4096 queued frames per app, owner-only socket, shutdown event on. */
    public static ListenerConfig of(String network, String address) {
        return new ListenerConfig(network, address, Frames.DEFAULT_MAX_FRAME, 4096, true, true,
                Duration.ofSeconds(2), ThinRequest.DecodeOptions.DEFAULT);
    }

    /** Defaults with the daemon config's {@code ListenNetwork}/{@code ListenAddress}. */
    public static ListenerConfig fromClientConfig(org.katzen4j.config.ClientConfig c) {
        return of(c.listenNetwork(), c.listenAddress());
    }

    public ListenerConfig withMaxFrameSize(int n) {
        return new ListenerConfig(network, address, n, maxQueuedFrames, unixSocketOwnerOnly, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions);
    }

    public ListenerConfig withMaxQueuedFrames(int n) {
        return new ListenerConfig(network, address, maxFrameSize, n, unixSocketOwnerOnly, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions);
    }

    public ListenerConfig withUnixSocketOwnerOnly(boolean b) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, b, sendShutdownEvent,
                shutdownFlushTimeout, decodeOptions);
    }

    public ListenerConfig withSendShutdownEvent(boolean b) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly, b,
                shutdownFlushTimeout, decodeOptions);
    }

    public ListenerConfig withDecodeOptions(ThinRequest.DecodeOptions o) {
        return new ListenerConfig(network, address, maxFrameSize, maxQueuedFrames, unixSocketOwnerOnly,
                sendShutdownEvent, shutdownFlushTimeout, o);
    }
}
