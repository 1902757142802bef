package org.katzen4j.thinclient;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event subscriber: either a queue the application polls, or a callback run on the
 * subscription's own thread (in arrival order, so a slow callback never stalls the socket
 * reader or other subscribers). Close it to unsubscribe.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    private static final Object END = new Object();

    private final ThinClient client;
    private final BlockingQueue<ThinResponse> queue;
    private final BlockingQueue<Object> callbackQueue;
    private volatile boolean closed;
    private long dropped;

    Subscription(ThinClient client, int capacity) {
        this.client = client;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.callbackQueue = null;
    }

    Subscription(ThinClient client, Consumer<ThinResponse> callback) {
        this.client = client;
        this.queue = null;
        this.callbackQueue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("thin-client-callback").start(() -> {
            try {
                while (true) {
                    Object o = callbackQueue.take();
                    if (o == END) {
                        return;
                    }
                    try {
                        callback.accept((ThinResponse) o);
                    } catch (RuntimeException e) {
                        LOG.warn("thin-client event callback failed on {}", o, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The events of a queue subscription (null for callback subscriptions). */
    public BlockingQueue<ThinResponse> queue() {
        return queue;
    }

    void deliver(ThinResponse r) {
        if (closed) {
            return;
        }
        if (callbackQueue != null) {
            callbackQueue.add(r);
        } else if (!queue.offer(r)) {
            dropped++;
            LOG.warn("thin-client subscriber queue full: dropped {} ({} dropped so far)", r.key(), dropped);
        }
    }

    /** Events dropped because this queue subscription was full. */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.unsubscribe(this);
            if (callbackQueue != null) {
                callbackQueue.add(END);
            }
        }
    }
}
