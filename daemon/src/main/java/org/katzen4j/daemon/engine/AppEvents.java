package org.katzen4j.daemon.engine;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.daemon.listener.AppRouter;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the engine's services send replies and events: the listener's {@link AppRouter} once it
 * is bound (the listener binds itself when it starts), until then nothing is delivered. Also
 * remembers the last connection status so it is re-announced after a bind.
 */
public final class AppEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AppEvents.class);

    private volatile AppRouter router;
    private volatile boolean connected;
    private final java.util.Set<AppId> apps = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The listener accepted {@code app}. */
    public void appConnected(AppId app) {
        apps.add(app);
    }

    /** {@code app} is gone; work still queued for it is skipped. */
    public void appGone(AppId app) {
        apps.remove(app);
    }

    /** Whether {@code app} is still connected (queued sends of departed apps are not executed). */
    public boolean present(AppId app) {
        return apps.contains(app);
    }

    public void bind(AppRouter r) {
        this.router = r;
    }

    /** Sends to one app; false if it is gone (or nothing is bound yet). */
    public boolean send(AppId app, ThinResponse response) {
        AppRouter r = router;
        if (r == null || app == null) {
            return false;
        }
        boolean ok = r.send(app, response);
        if (!ok) {
            LOG.debug("app {} gone, dropped {}", app, response.key());
        }
        return ok;
    }

    public void connectionStatus(boolean isConnected) {
        connected = isConnected;
        AppRouter r = router;
        if (r != null) {
            r.connectionStatus(isConnected);
        }
    }

    public boolean connected() {
        return connected;
    }

    public void pkiDocument(byte[] connectPayload, byte[] broadcastPayload) {
        AppRouter r = router;
        if (r != null) {
            r.pkiDocument(connectPayload, broadcastPayload);
        }
    }
}
