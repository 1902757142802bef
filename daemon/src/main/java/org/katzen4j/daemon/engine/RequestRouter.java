package org.katzen4j.daemon.engine;

import java.time.Duration;
import java.time.Instant;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.daemon.listener.AppRouter;
import org.katzen4j.daemon.listener.Engine;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as the listener sees it: one exhaustive switch from request kind to the handler
 * that owns it. Sends are queued for the Poisson sender; channel requests are answered at once;
 * an app's departure is passed to every service holding state for it.
 */
public final class RequestRouter implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final AppEvents events;
    private final SendScheduler sendScheduler;
    private final LegacyHandler legacy;
    private final ChannelHandler channels;
    private final ReplyRegistry registry;
    private final ArqService arq;
    private final TaskScheduler scheduler;
    private final java.util.concurrent.atomic.AtomicLong channelRequests = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sendRequests = new java.util.concurrent.atomic.AtomicLong();

    public RequestRouter(AppEvents events, SendScheduler sendScheduler, LegacyHandler legacy, ChannelHandler channels,
            ReplyRegistry registry, ArqService arq, TaskScheduler scheduler) {
        this.events = events;
        this.sendScheduler = sendScheduler;
        this.legacy = legacy;
        this.channels = channels;
        this.registry = registry;
        this.arq = arq;
        this.scheduler = scheduler;
    }

    @Override
    public void bind(AppRouter router) {
        events.bind(router);
        router.connectionStatus(events.connected());
    }

    @Override
    public void appConnected(AppId app) {
        events.appConnected(app);
    }

    @Override
    public void handle(AppId app, ThinRequest request) {
        switch (request) {
            case ThinRequest.SendMessage m -> sendRequests.incrementAndGet();
            case ThinRequest.SendArqMessage m -> sendRequests.incrementAndGet();
            case ThinRequest.ThinClose c -> { }
            default -> channelRequests.incrementAndGet();
        }
        switch (request) {
            case ThinRequest.SendMessage m -> queue(app, m, () -> {
                if (events.present(app)) {
                    legacy.sendMessage(app, m);
                }
            });
            case ThinRequest.SendArqMessage m -> queue(app, m, () -> {
                if (events.present(app)) {
                    legacy.sendArqMessage(app, m);
                }
            });
            case ThinRequest.ThinClose c -> { }
            case ThinRequest.CreateWriteChannel c -> channels.handle(app, c);
            case ThinRequest.CreateReadChannel c -> channels.handle(app, c);
            case ThinRequest.WriteChannel c -> channels.handle(app, c);
            case ThinRequest.ReadChannel c -> channels.handle(app, c);
            case ThinRequest.ResumeWriteChannel c -> channels.handle(app, c);
            case ThinRequest.ResumeWriteChannelQuery c -> channels.handle(app, c);
            case ThinRequest.ResumeReadChannel c -> channels.handle(app, c);
            case ThinRequest.ResumeReadChannelQuery c -> channels.handle(app, c);
            case ThinRequest.CloseChannel c -> channels.handle(app, c);
            case ThinRequest.SendChannelQuery c -> channels.handle(app, c);
        }
    }

    private void queue(AppId app, ThinRequest r, Runnable job) {
        if (!sendScheduler.submit(app, job)) {
            LOG.warn("send queue full, refusing {} from app {}", r.key(), app);
            Instant now = scheduler.now();
            switch (r) {
                case ThinRequest.SendMessage m -> events.send(app, new ThinResponse.MessageSentEvent(m.id(), m.surbId(),
                        now, Duration.ZERO, "send queue full"));
                case ThinRequest.SendArqMessage m -> events.send(app, new ThinResponse.MessageSentEvent(m.id(), null,
                        now, Duration.ZERO, "send queue full"));
                default -> { }
            }
        }
    }

    /** Channel (Pigeonhole) requests handed to the channel handler so far. */
    public long channelRequests() {
        return channelRequests.get();
    }

    /** Legacy send requests ({@code send_message}, {@code send_arq_message}) received so far. */
    public long sendRequests() {
        return sendRequests.get();
    }

    @Override
    public void appDisconnected(AppId app) {
        events.appGone(app);
        int queued = sendScheduler.dropApp(app);
        int n = registry.removeApp(app);
        arq.removeApp(app);
        channels.appDisconnected(app);
        LOG.debug("app {} gone: {} queued sends and {} SURB entries dropped", app, queued, n);
    }
}
