package org.katzen4j.daemon.listener;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinRequest.*;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.*;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * A fake engine for listener and client tests: answers every request kind the way the protocol
 * map says the daemon does (validation codes, reply shapes, event order), with made-up crypto
 * material and an instant "network": sends are echoed back as replies. Records every request
 * and every disconnect so tests can assert on them.
 */
public final class ScriptedEngine implements Engine {
    /** One request as the engine saw it. */
    public record Seen(AppId app, ThinRequest request) {
    }

    private record Chan(boolean write, byte[] index) {
    }

    public final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    public final BlockingQueue<AppId> disconnected = new LinkedBlockingQueue<>();
    public final CopyOnWriteArrayList<AppId> connected = new CopyOnWriteArrayList<>();
    public final ChannelTable<Chan> channels;
    /** Request keys the engine swallows without answering (for timeout tests). */
    public final java.util.Set<String> silent = ConcurrentHashMap.newKeySet();
    private final SecureRandom rng;
    private final Map<AppId, Integer> arqCount = new ConcurrentHashMap<>();
    private volatile AppRouter router;
    /** The fixed "now" of sent events. */
    public static final Instant NOW = Instant.ofEpochSecond(1758485828L);
    public static final Duration ETA = Duration.ofMillis(1179);
    public static final int MAX_PLAINTEXT = 1000;

    public ScriptedEngine(SecureRandom rng, boolean ownershipEnforced) {
        this.rng = rng;
        this.channels = new ChannelTable<>(rng, ownershipEnforced);
    }

    public AppRouter router() {
        return router;
    }

    @Override
    public void bind(AppRouter r) {
        this.router = r;
    }

    @Override
    public void appConnected(AppId app) {
        connected.add(app);
    }

    @Override
    public void appDisconnected(AppId app) {
        channels.removeAll(app);
        arqCount.remove(app);
        disconnected.add(app);
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    private void reply(AppId app, ThinResponse r) {
        router.send(app, r);
    }

    @Override
    public void handle(AppId app, ThinRequest request) {
        seen.add(new Seen(app, request));
        if (silent.contains(request.key())) {
            return;
        }
        switch (request) {
            case CreateWriteChannel r -> {
                byte[] wc = random(WriteCap.LENGTH);
                WriteCap cap = WriteCap.of(wc);
                int id = channels.allocate(app, new Chan(true, java.util.Arrays.copyOfRange(wc, 64, 168))).orElseThrow();
                reply(app, new CreateWriteChannelReply(r.queryId(), id, cap.readCap(), cap, 0));
            }
            case CreateReadChannel r -> {
                if (r.queryId() == null || r.readCap() == null) {
                    // the reference leaves query_id null here; we echo it (see compatibility.md)
                    reply(app, new CreateReadChannelReply(r.queryId(), 0, ErrorCode.INVALID_REQUEST.code()));
                    return;
                }
                byte[] rc = r.readCap().toByteArray();
                int id = channels.allocate(app, new Chan(false, java.util.Arrays.copyOfRange(rc, 32, 136))).orElseThrow();
                reply(app, new CreateReadChannelReply(r.queryId(), id, 0));
            }
            case WriteChannel r -> {
                int code = 0;
                Chan c = null;
                if (r.queryId() == null || r.channelId() == 0 || r.payload() == null) {
                    code = ErrorCode.INVALID_REQUEST.code();
                } else {
                    c = channels.lookup(app, r.channelId()).orElse(null);
                    if (c == null) {
                        code = ErrorCode.CHANNEL_NOT_FOUND.code();
                    } else if (!c.write()) {
                        code = ErrorCode.INVALID_CHANNEL.code();
                    } else if (r.payload().length() > MAX_PLAINTEXT) {
                        code = ErrorCode.INTERNAL_ERROR.code();
                    }
                }
                if (code != 0) {
                    reply(app, new WriteChannelReply(r.queryId(), r.channelId(), Blob.EMPTY, Blob.EMPTY, Blob.EMPTY,
                            Hash256.of(new byte[32]), Blob.EMPTY, code));
                    return;
                }
                byte[] query = new byte[1 + r.payload().length()];
                query[0] = 'W';
                System.arraycopy(r.payload().toByteArray(), 0, query, 1, r.payload().length());
                reply(app, new WriteChannelReply(r.queryId(), r.channelId(), Blob.of(query), Blob.of(c.index()),
                        Blob.of(next(c.index())), Hash256.of(random(32)), Blob.of(random(42)), 0));
            }
            case ReadChannel r -> {
                Chan c = channels.lookup(app, r.channelId()).orElse(null);
                int code = c == null ? ErrorCode.CHANNEL_NOT_FOUND.code() : c.write() ? ErrorCode.INVALID_CHANNEL.code() : 0;
                if (code != 0) {
                    reply(app, new ReadChannelReply(r.queryId(), r.channelId(), code, Blob.EMPTY, Blob.EMPTY,
                            Blob.EMPTY, null, Hash256.of(new byte[32]), Blob.EMPTY));
                    return;
                }
                byte[] idx = r.messageBoxIndex() != null ? r.messageBoxIndex().toByteArray() : c.index();
                reply(app, new ReadChannelReply(r.queryId(), r.channelId(), 0, Blob.of(new byte[] {'R'}), Blob.of(idx),
                        Blob.of(next(idx)), r.replyIndex(), Hash256.of(random(32)), Blob.of(random(42))));
            }
            case ResumeWriteChannel r -> {
                if (r.queryId() == null || r.writeCap() == null) {
                    reply(app, new ResumeWriteChannelReply(r.queryId(), 0, ErrorCode.INTERNAL_ERROR.code()));
                    return;
                }
                int id = channels.allocate(app, new Chan(true, indexOr(r.messageBoxIndex(), r.writeCap().toByteArray(), 64))).orElseThrow();
                reply(app, new ResumeWriteChannelReply(r.queryId(), id, 0));
            }
            case ResumeWriteChannelQuery r -> {
                if (r.queryId() == null || r.writeCap() == null || r.messageBoxIndex() == null
                        || r.envelopeDescriptor() == null || r.envelopeHash() == null) {
                    reply(app, new ResumeWriteChannelQueryReply(r.queryId(), 0, ErrorCode.INTERNAL_ERROR.code()));
                    return;
                }
                int id = channels.allocate(app, new Chan(true, r.messageBoxIndex().toByteArray())).orElseThrow();
                reply(app, new ResumeWriteChannelQueryReply(r.queryId(), id, 0));
            }
            case ResumeReadChannel r -> {
                if (r.queryId() == null || r.readCap() == null) {
                    reply(app, new ResumeReadChannelReply(r.queryId(), 0,
                            ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST.code()));
                    return;
                }
                int id = channels.allocate(app, new Chan(false, indexOr(r.nextMessageIndex(), r.readCap().toByteArray(), 32))).orElseThrow();
                reply(app, new ResumeReadChannelReply(r.queryId(), id, 0));
            }
            case ResumeReadChannelQuery r -> {
                if (r.queryId() == null || r.readCap() == null || r.nextMessageIndex() == null
                        || r.envelopeDescriptor() == null || r.envelopeHash() == null) {
                    reply(app, new ResumeReadChannelQueryReply(r.queryId(), 0,
                            ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST.code()));
                    return;
                }
                int id = channels.allocate(app, new Chan(false, r.nextMessageIndex().toByteArray())).orElseThrow();
                reply(app, new ResumeReadChannelQueryReply(r.queryId(), id, 0));
            }
            case CloseChannel r -> channels.close(app, r.channelId());
            case ThinClose r -> throw new IllegalStateException("thin_close must not reach the engine");
            case SendChannelQuery r -> {
                if (r.messageId() == null || r.channelId() == null || r.destinationIdHash() == null
                        || r.recipientQueueId() == null || r.payload() == null) {
                    reply(app, new ChannelQuerySentEvent(r.messageId(), null, Duration.ZERO,
                            ErrorCode.INVALID_REQUEST.code()));
                    return;
                }
                reply(app, new ChannelQuerySentEvent(r.messageId(), NOW, ETA, 0));
                byte[] p = r.payload().toByteArray();
                if (p.length > 0 && p[0] == 'R') {
                    Blob text = Blob.utf8("box content");
                    reply(app, new MessageReplyEvent(r.messageId(), null, text, 0, 0));
                    reply(app, new ChannelQueryReplyEvent(r.messageId(), text, 0, 0));
                } else {
                    reply(app, new ChannelQueryReplyEvent(r.messageId(), Blob.EMPTY, null, 0)); // ACK
                }
            }
            case SendMessage r -> {
                if (!r.withSurb()) {
                    return; // sent without reply: no event (the reference crashes here)
                }
                reply(app, new MessageSentEvent(r.id(), r.surbId(), NOW, ETA, ""));
                reply(app, new MessageReplyEvent(r.id(), r.surbId(), r.payload(), null, 0));
            }
            case SendArqMessage r -> {
                SurbId fresh = SurbId.random(rng);
                arqCount.merge(app, 1, Integer::sum);
                reply(app, new MessageSentEvent(r.id(), fresh, NOW, ETA, ""));
                reply(app, new MessageReplyEvent(r.id(), fresh, r.payload(), null, 0));
                reply(app, new MessageIdGarbageCollected(r.id()));
            }
        }
    }

    private static byte[] indexOr(MessageBoxIndex idx, byte[] cap, int off) {
        return idx != null ? idx.toByteArray() : java.util.Arrays.copyOfRange(cap, off, off + MessageBoxIndex.LENGTH);
    }

    private static byte[] next(byte[] index) {
        byte[] n = index.clone();
        for (int i = 0; i < 8; i++) { // little-endian counter + 1
            if (++n[i] != 0) {
                break;
            }
        }
        return n;
    }

    static ReadCap readCapOf(WriteCap w) {
        return w.readCap();
    }
}
