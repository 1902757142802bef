package org.katzen4j.daemon.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.daemon.listener.AppRouter;
import org.katzen4j.thinclient.protocol.ThinResponse;

/** An {@link AppRouter} that records what each app would receive. */
final class Recorder implements AppRouter {
    record Sent(AppId app, ThinResponse response) {
    }

    final List<Sent> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Boolean> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<byte[]> documents = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Set<AppId> gone = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized boolean send(AppId app, ThinResponse response) {
        if (gone.contains(app)) {
            return false;
        }
        sent.add(new Sent(app, response));
        return true;
    }

    @Override
    public synchronized void connectionStatus(boolean connected) {
        statuses.add(connected);
    }

    @Override
    public synchronized void pkiDocument(byte[] connectPayload, byte[] broadcastPayload) {
        documents.add(broadcastPayload);
    }

    synchronized <T extends ThinResponse> List<T> of(Class<T> type) {
        return sent.stream().map(Sent::response).filter(type::isInstance).map(type::cast).toList();
    }
}
