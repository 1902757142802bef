package org.katzen4j.daemon.channel;

import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.daemon.engine.ChannelHandler;
import org.katzen4j.daemon.engine.ChannelRequests;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.ctidh.Ctidh1024;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs the {@link ChannelService} into the daemon engine ({@link DaemonAssembly.Options#withChannels}):
 * replies and events through the engine's app events, channel SURBs in its reply registry, sends
 * through its message sender as jobs of its Poisson send scheduler (each query leaves on a LambdaP
 * tick, in the sending app's turn, like every other packet), box size from
 * {@code [PigeonholeGeometry]} of client.toml; {@link ChannelHandler#close()} ends the service's threads. Without
 * the CTIDH native library the daemon still starts (legacy API intact), logs the reason as an
 * error and answers channel requests with error 10 (Service unavailable).
 */
public final class PigeonholeChannels implements DaemonAssembly.ChannelHandlerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PigeonholeChannels.class);

    private final boolean ownershipEnforced;

    /** @param ownershipEnforced when true an app may only use channel ids it created (default: any app) */
    public PigeonholeChannels(boolean ownershipEnforced) {
        this.ownershipEnforced = ownershipEnforced;
    }

    public PigeonholeChannels() {
        this(false);
    }

    @Override
    public ChannelHandler create(DaemonAssembly.EngineParts p) throws Exception {
        if (!Ctidh1024.isAvailable()) {
            LOG.error("Pigeonhole channels DISABLED: the CTIDH-1024 native library is unavailable ({}); build the "
                    + "pigeonhole module and run with -Dkatzen4j.ctidh.lib=/path/to/libk4jctidh1024.so "
                    + "(or KATZEN4J_CTIDH_LIB); channel requests get error 10", Ctidh1024.unavailableReason());
            return new ChannelRequests(p.events());
        }
        int m = p.config().pigeonholeGeometry().maxPlaintextPayloadLength();
        ChannelService s = EngineCourierTransport.daemonService(p.sender(),
                p.sendScheduler()::submit,
                p.registry()::registerChannelQuery, p.events()::send, m, p.random(), p.clock(), p.epochTime().period(),
                ownershipEnforced);
        s.setMaxChannelsPerApp(p.maxChannelsPerApp());
        LOG.info("Pigeonhole channels: MaxPlaintextPayloadLength {}, channel ids {}", m,
                ownershipEnforced ? "owned by their app" : "usable by any app");
        return handler(s);
    }

    /** The engine's view of {@code s}: requests, departures, and {@code close} ending its threads. */
    static ChannelHandler handler(ChannelService s) {
        return new ChannelHandler() {
            @Override
            public void handle(AppId app, ThinRequest request) {
                s.handle(app, request);
            }

            @Override
            public void appDisconnected(AppId app) {
                s.appDisconnected(app);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
