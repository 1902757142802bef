package org.katzen4j.daemon.engine;

import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a SURB reply the gateway handed back ({@code MessageACK}): find the SURB id in
 * the {@link ReplyRegistry} (unknown ids are dropped silently, as are replies that do not decrypt),
 * remove the Sphinx layers with the stored keys, and deliver by entry kind: legacy replies and ARQ
 * acknowledgements as {@code message_reply_event} to the owning app, loop-decoy replies counted and
 * discarded. Runs on the engine thread.
 */
public final class ReplyDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final Sphinx sphinx;
    private final ReplyRegistry registry;
    private final ArqService arq;
    private final AppEvents events;
    private long delivered;
    private long decoyReplies;
    private long unknown;

    public ReplyDispatcher(Sphinx sphinx, ReplyRegistry registry, ArqService arq, AppEvents events) {
        this.sphinx = sphinx;
        this.registry = registry;
        this.arq = arq;
        this.events = events;
    }

    public void onSurbReply(byte[] surbIdBytes, byte[] payload) {
        if (surbIdBytes.length != SurbId.LENGTH) {
            return;
        }
        SurbId id = SurbId.of(surbIdBytes);
        var taken = registry.take(id);
        if (taken.isEmpty()) {
            synchronized (this) {
                unknown++;
            }
            LOG.debug("reply for unknown or expired SURB id {}", id);
            return;
        }
        ReplyRegistry.Entry entry = taken.get();
        byte[] plain;
        try {
            plain = sphinx.decryptSurbPayload(payload, entry.keys());
        } catch (SphinxException e) {
            LOG.warn("dropping a SURB reply that does not decrypt: {}", e.getMessage());
            return;
        } finally {
            entry.keys().close();
        }
        switch (entry) {
            case ReplyRegistry.LegacyReply r -> {
                events.send(r.app(), new ThinResponse.MessageReplyEvent(r.messageId(), r.appSurbId(), Blob.of(plain),
                        null, ErrorCode.SUCCESS.code()));
                count(false);
            }
            case ReplyRegistry.ArqReply r -> {
                if (arq.onReply(id, r, plain)) {
                    count(false);
                }
            }
            case ReplyRegistry.ChannelQuery q -> {
                try {
                    q.onReply().accept(plain);
                    count(false);
                } catch (RuntimeException e) {
                    LOG.error("channel reply handler failed", e);
                }
            }
            case ReplyRegistry.LoopDecoy d -> count(true);
        }
    }

    private synchronized void count(boolean decoy) {
        if (decoy) {
            decoyReplies++;
        } else {
            delivered++;
        }
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long decoyReplies() {
        return decoyReplies;
    }

    public synchronized long unknown() {
        return unknown;
    }
}
