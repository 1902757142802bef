package org.katzen4j.daemon.channel;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.daemon.listener.ChannelTable;
import org.katzen4j.pigeonhole.PaddedPayload;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.message.ReplicaMessageReplyInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaReadReply;
import org.katzen4j.pigeonhole.message.ReplicaWriteReply;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.query.EnvelopeDescriptor;
import org.katzen4j.pigeonhole.query.PreparedQuery;
import org.katzen4j.pigeonhole.query.QueryPreparer;
import org.katzen4j.pigeonhole.query.ReplyReader;
import org.katzen4j.pigeonhole.replica.ReplicaEpochs;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.ErrorCode;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pigeonhole channel API of the daemon: the ten channel commands and the two channel events,
 * with the v0.0.71 wire formats and the state model of the Pigeonhole spec §6.8:
 * <ul>
 * <li>a writer moves to the next box when a write is <em>prepared</em> (each {@code write_channel}
 * owns one box; the reply's {@code next_message_index} is where the channel now stands);</li>
 * <li>a reader moves past a box when a read of it <em>decrypts</em> (never backwards), so
 * consecutive {@code read_channel} calls without an index deliver the messages in order, while
 * ACKs and "not found" leave it in place (poll again with a fresh {@code read_channel});</li>
 * <li>every reply is decrypted with the index its envelope targeted, kept with the envelope
 * (also across {@code close_channel}: a re-sent payload on a resumed channel still decrypts);</li>
 * <li>{@code reply_index} outside {0, 1} is refused (the reference courier would crash on it),
 * capabilities are validated when they arrive, error replies always echo the query id.</li>
 * </ul>
 * Preparation (three CTIDH group actions with the real replica NIKE) and descriptor-based reply
 * decryption run on a dedicated crypto executor; sends are handed to the transport
 * ({@link CourierQueryTransport#sendAsync}: in the daemon a job of the Poisson send scheduler) from
 * a send executor that never waits for the packet to leave; request handling itself never blocks
 * the caller's thread on cryptography.
 */
public final class ChannelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);
    private static final int REMEMBERED_ENVELOPES = 4096;
    private static final Hash256 ZERO_HASH = Hash256.of(new byte[Hash256.LENGTH]);

    /** Where replies and events go (the listener's router in the daemon). */
    @FunctionalInterface
    public interface EventSink {
        boolean send(AppId app, ThinResponse response);
    }

    /** One channel: a writer or a reader, its position and the envelopes prepared or resumed on it. */
    static final class Channel {
        final WriteCap writeCap;
        final ReadCap readCap;
        /** Writer: the box the next write fills. Reader: the box the next read targets. Guarded by this. */
        MessageBoxIndex position;
        final Map<Hash256, EnvelopeRecord> envelopes = Collections.synchronizedMap(new HashMap<>());

        Channel(WriteCap writeCap, ReadCap readCap, MessageBoxIndex position) {
            this.writeCap = writeCap;
            this.readCap = readCap;
            this.position = position;
        }

        boolean isWriter() {
            return writeCap != null;
        }

        synchronized MessageBoxIndex position() {
            return position;
        }

        synchronized void moveTo(MessageBoxIndex i) {
            position = i;
        }

        /** Moves forward to {@code i} unless already past it. */
        synchronized void advanceTo(MessageBoxIndex i) {
            if (Long.compareUnsigned(i.index(), position.index()) > 0) {
                position = i;
            }
        }
    }

    private final CourierQueryTransport transport;
    private final EventSink sink;
    private final PigeonholeGeometry geometry;
    private final Mkem mkem;
    private final QueryPreparer preparer;
    private final SecureRandom rng;
    private final Clock clock;
    private final Duration pkiEpochPeriod;
    private final Executor crypto;
    private final Executor io;
    private final Runnable shutdown;
    private final ChannelTable<Channel> channels;
    private volatile boolean closed;
    private final Map<Hash256, EnvelopeRecord> remembered = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Hash256, EnvelopeRecord> e) {
                    return size() > REMEMBERED_ENVELOPES;
                }
            });

    /**
     * @param crypto runs query preparation and descriptor-based reply decryption (CTIDH)
     * @param io runs {@link CourierQueryTransport#send} (may block on the gateway link)
     * @param ownershipEnforced when true an app may only use channel ids it created
     * @param pkiEpochPeriod the Katzenpost epoch length (for descriptors without replica keys)
     */
    public ChannelService(CourierQueryTransport transport, EventSink sink, PigeonholeGeometry geometry, Mkem mkem,
            SecureRandom rng, Clock clock, Duration pkiEpochPeriod, Executor crypto, Executor io,
            boolean ownershipEnforced) {
        this(transport, sink, geometry, mkem, rng, clock, pkiEpochPeriod, crypto, io, ownershipEnforced, () -> { });
    }

    private ChannelService(CourierQueryTransport transport, EventSink sink, PigeonholeGeometry geometry, Mkem mkem,
            SecureRandom rng, Clock clock, Duration pkiEpochPeriod, Executor crypto, Executor io,
            boolean ownershipEnforced, Runnable shutdown) {
        this.transport = transport;
        this.sink = sink;
        this.geometry = geometry;
        this.mkem = mkem;
        this.preparer = new QueryPreparer(geometry, mkem, rng);
        this.rng = rng;
        this.clock = clock;
        this.pkiEpochPeriod = pkiEpochPeriod;
        this.crypto = crypto;
        this.io = io;
        this.shutdown = shutdown;
        this.channels = new ChannelTable<>(rng, ownershipEnforced);
    }

    /**
     * A service with its own threads: {@code cryptoThreads} for CTIDH work and one for sends, all
     * daemon threads; {@link #close()} stops them.
     */
    public static ChannelService withOwnThreads(CourierQueryTransport transport, EventSink sink,
            PigeonholeGeometry geometry, Mkem mkem, SecureRandom rng, Clock clock, Duration pkiEpochPeriod,
            int cryptoThreads, boolean ownershipEnforced) {
        ExecutorService c = idleEnding(cryptoThreads, named("pigeonhole-crypto"));
        ExecutorService s = idleEnding(1, named("pigeonhole-send"));
        return new ChannelService(transport, sink, geometry, mkem, rng, clock, pkiEpochPeriod, c, s,
                ownershipEnforced, () -> {
                    c.shutdownNow();
                    s.shutdownNow();
                });
    }

    /** Up to {@code n} threads, FIFO, unbounded queue; idle threads end after a minute (none linger unused). */
    private static ExecutorService idleEnding(int n, java.util.concurrent.ThreadFactory f) {
        java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(n, n, 60,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), f);
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public PigeonholeGeometry geometry() {
        return geometry;
    }

    /** Live channels (all apps). */
    public int channelCount() {
        return channels.size();
    }

    /** Whether {@code request} is one of the channel commands this service handles. */
    public static boolean isChannelRequest(ThinRequest request) {
        return switch (request) {
            case ThinRequest.SendMessage m -> false;
            case ThinRequest.SendArqMessage m -> false;
            case ThinRequest.ThinClose c -> false;
            default -> true;
        };
    }

    /** Handles one channel request of {@code app}; returns without waiting for cryptography. */
    public void handle(AppId app, ThinRequest request) {
        if (closed) {
            LOG.debug("app {}: {} after the channel service stopped, ignored", app, request.key());
            return;
        }
        try {
            switch (request) {
                case ThinRequest.CreateWriteChannel c -> createWrite(app, c);
                case ThinRequest.CreateReadChannel c -> createRead(app, c);
                case ThinRequest.WriteChannel c -> write(app, c);
                case ThinRequest.ReadChannel c -> read(app, c);
                case ThinRequest.ResumeWriteChannel c -> resumeWrite(app, c);
                case ThinRequest.ResumeWriteChannelQuery c -> resumeWriteQuery(app, c);
                case ThinRequest.ResumeReadChannel c -> resumeRead(app, c);
                case ThinRequest.ResumeReadChannelQuery c -> resumeReadQuery(app, c);
                case ThinRequest.CloseChannel c -> channels.close(app, c.channelId());
                case ThinRequest.SendChannelQuery c -> sendQuery(app, c);
                case ThinRequest.ThinClose c -> { }
                case ThinRequest.SendMessage m -> throw new IllegalArgumentException("not a channel request");
                case ThinRequest.SendArqMessage m -> throw new IllegalArgumentException("not a channel request");
            }
        } catch (RuntimeException e) {
            LOG.error("app {}: {} failed", app, request.key(), e);
        }
    }

    /** The app is gone: its channels are dropped (its pending SURBs are the transport's business). */
    public void appDisconnected(AppId app) {
        int n = channels.removeAll(app);
        if (n > 0) {
            LOG.debug("app {} gone: {} channels dropped", app, n);
        }
    }

    /** Stops the service's own threads (queued work is dropped); later requests are ignored. */
    @Override
    public void close() {
        closed = true;
        shutdown.run();
    }

    // ------------------------------------------------------------------ creation and resumption

    private void createWrite(AppId app, ThinRequest.CreateWriteChannel c) {
        WriteCap wc = WriteCap.generate(rng);
        Optional<Integer> id = channels.allocate(app, new Channel(wc, null, wc.firstIndex()));
        if (id.isEmpty()) {
            reply(app, new ThinResponse.CreateWriteChannelReply(c.queryId(), 0, null, null, refusal(app)));
            return;
        }
        reply(app, new ThinResponse.CreateWriteChannelReply(c.queryId(), id.get(),
                org.katzen4j.thinclient.protocol.ReadCap.of(wc.readCap().toBytes()),
                org.katzen4j.thinclient.protocol.WriteCap.of(wc.toBytes()), 0));
    }

    private void createRead(AppId app, ThinRequest.CreateReadChannel c) {
        int err = 0;
        ReadCap rc = null;
        if (c.queryId() == null || c.readCap() == null) {
            err = code(ErrorCode.INVALID_REQUEST);
        } else {
            try {
                rc = ReadCap.fromBytes(c.readCap().toByteArray());
            } catch (PigeonholeException e) {
                err = code(ErrorCode.INVALID_REQUEST);
            }
        }
        if (err != 0) {
            reply(app, new ThinResponse.CreateReadChannelReply(c.queryId(), 0, err));
            return;
        }
        int id = allocate(app, new Channel(null, rc, rc.firstIndex()));
        reply(app, new ThinResponse.CreateReadChannelReply(c.queryId(), id, id == 0 ? refusal(app) : 0));
    }

    private void resumeWrite(AppId app, ThinRequest.ResumeWriteChannel c) {
        if (c.queryId() == null || c.writeCap() == null) {
            reply(app, new ThinResponse.ResumeWriteChannelReply(c.queryId(), 0, code(ErrorCode.INTERNAL_ERROR)));
            return;
        }
        try {
            WriteCap wc = WriteCap.fromBytes(c.writeCap().toByteArray());
            MessageBoxIndex at = c.messageBoxIndex() == null ? wc.firstIndex()
                    : MessageBoxIndex.fromBytes(c.messageBoxIndex().toByteArray());
            int id = allocate(app, new Channel(wc, null, at));
            reply(app, new ThinResponse.ResumeWriteChannelReply(c.queryId(), id, id == 0 ? refusal(app) : 0));
        } catch (PigeonholeException e) {
            reply(app, new ThinResponse.ResumeWriteChannelReply(c.queryId(), 0, code(ErrorCode.INVALID_REQUEST)));
        }
    }

    private void resumeWriteQuery(AppId app, ThinRequest.ResumeWriteChannelQuery c) {
        if (c.queryId() == null || c.writeCap() == null || c.messageBoxIndex() == null || c.envelopeDescriptor() == null
                || c.envelopeHash() == null) {
            reply(app, new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), 0, code(ErrorCode.INTERNAL_ERROR)));
            return;
        }
        try {
            WriteCap wc = WriteCap.fromBytes(c.writeCap().toByteArray());
            MessageBoxIndex given = MessageBoxIndex.fromBytes(c.messageBoxIndex().toByteArray());
            EnvelopeDescriptor d = EnvelopeDescriptor.decode(c.envelopeDescriptor().toByteArray());
            MessageBoxIndex target = d.target() != null ? d.target() : given;
            // the resumed message owns its box: the writer continues after it (or at the given
            // index if the application passed a later one, e.g. the reply's next_message_index)
            MessageBoxIndex continueAt = target.next();
            if (Long.compareUnsigned(given.index(), continueAt.index()) > 0) {
                continueAt = given;
            }
            Channel ch = new Channel(wc, null, continueAt);
            EnvelopeRecord rec = EnvelopeRecord.resumed(EnvelopeRecord.Kind.WRITE, target, null, d);
            ch.envelopes.put(c.envelopeHash(), rec);
            remembered.putIfAbsent(c.envelopeHash(), rec);
            int id = allocate(app, ch);
            reply(app, new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), id,
                    id == 0 ? refusal(app) : 0));
        } catch (PigeonholeException | DecodeException e) {
            reply(app, new ThinResponse.ResumeWriteChannelQueryReply(c.queryId(), 0, code(ErrorCode.INVALID_REQUEST)));
        }
    }

    private void resumeRead(AppId app, ThinRequest.ResumeReadChannel c) {
        if (c.queryId() == null || c.readCap() == null) {
            reply(app, new ThinResponse.ResumeReadChannelReply(c.queryId(), 0,
                    code(ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST)));
            return;
        }
        try {
            ReadCap rc = ReadCap.fromBytes(c.readCap().toByteArray());
            MessageBoxIndex at = c.nextMessageIndex() == null ? rc.firstIndex()
                    : MessageBoxIndex.fromBytes(c.nextMessageIndex().toByteArray());
            int id = allocate(app, new Channel(null, rc, at));
            reply(app, new ThinResponse.ResumeReadChannelReply(c.queryId(), id, id == 0 ? refusal(app) : 0));
        } catch (PigeonholeException e) {
            reply(app, new ThinResponse.ResumeReadChannelReply(c.queryId(), 0, code(ErrorCode.INVALID_REQUEST)));
        }
    }

    private void resumeReadQuery(AppId app, ThinRequest.ResumeReadChannelQuery c) {
        if (c.queryId() == null || c.readCap() == null || c.nextMessageIndex() == null
                || c.envelopeDescriptor() == null || c.envelopeHash() == null) {
            reply(app, new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), 0,
                    code(ErrorCode.INVALID_RESUME_READ_CHANNEL_REQUEST)));
            return;
        }
        try {
            ReadCap rc = ReadCap.fromBytes(c.readCap().toByteArray());
            MessageBoxIndex at = MessageBoxIndex.fromBytes(c.nextMessageIndex().toByteArray());
            EnvelopeDescriptor d = EnvelopeDescriptor.decode(c.envelopeDescriptor().toByteArray());
            MessageBoxIndex target = d.target() != null ? d.target() : at;
            Channel ch = new Channel(null, rc, at);
            EnvelopeRecord rec = EnvelopeRecord.resumed(EnvelopeRecord.Kind.READ, target, rc, d);
            ch.envelopes.put(c.envelopeHash(), rec);
            remembered.putIfAbsent(c.envelopeHash(), rec);
            int id = allocate(app, ch);
            reply(app, new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), id,
                    id == 0 ? refusal(app) : 0));
        } catch (PigeonholeException | DecodeException e) {
            reply(app, new ThinResponse.ResumeReadChannelQueryReply(c.queryId(), 0, code(ErrorCode.INVALID_REQUEST)));
        }
    }

    /** Error code for a refused allocation: 8 (permission denied) at the app's channel limit, else 4. */
    private int refusal(AppId app) {
        return code(channels.atLimit(app) ? ErrorCode.PERMISSION_DENIED : ErrorCode.INTERNAL_ERROR);
    }

    /** {@code [Listener] MaxChannelsPerApp}: channels one app may hold (default {@link ChannelTable#DEFAULT_MAX_PER_APP}). */
    public void setMaxChannelsPerApp(int n) {
        channels.setMaxPerApp(n);
    }

    private int allocate(AppId app, Channel ch) {
        return channels.allocate(app, ch).orElse(0);
    }

    // ------------------------------------------------------------------ preparation

    private void write(AppId app, ThinRequest.WriteChannel c) {
        QueryId q = c.queryId();
        int chId = c.channelId();
        if (q == null || chId == 0 || c.payload() == null) {
            reply(app, writeError(q, chId, ErrorCode.INVALID_REQUEST));
            return;
        }
        Optional<Channel> found = channels.lookup(app, chId);
        if (found.isEmpty()) {
            reply(app, writeError(q, chId, ErrorCode.CHANNEL_NOT_FOUND));
            return;
        }
        Channel ch = found.get();
        if (!ch.isWriter()) {
            reply(app, writeError(q, chId, ErrorCode.INVALID_CHANNEL));
            return;
        }
        byte[] message = c.payload().toByteArray();
        if (message.length > geometry.maxPlaintextPayloadLength()) {
            reply(app, writeError(q, chId, ErrorCode.INTERNAL_ERROR));
            return;
        }
        Optional<ReplicaDirectory> dir = transport.replicas();
        if (dir.isEmpty()) {
            LOG.info("app {}: write_channel without a PKI document", app);
            reply(app, writeError(q, chId, ErrorCode.INTERNAL_ERROR));
            return;
        }
        // reserve the box now, in request order; the expensive part runs on the crypto executor
        MessageBoxIndex target;
        MessageBoxIndex next;
        synchronized (ch) {
            target = ch.position;
            try {
                next = target.next();
            } catch (PigeonholeException e) {
                reply(app, writeError(q, chId, ErrorCode.INTERNAL_ERROR));
                return;
            }
            ch.position = next;
        }
        long replicaEpoch = ReplicaEpochs.at(clock.instant());
        crypto.execute(() -> {
            try (PreparedQuery pq = preparer.prepareWrite(ch.writeCap, target, message,
                    dir.get().forReplicaEpoch(replicaEpoch), dir.get().pkiEpoch())) {
                Hash256 h = remember(ch, pq, null);
                reply(app, new ThinResponse.WriteChannelReply(q, chId, Blob.of(pq.courierQuery()), Blob.of(target.toBytes()),
                        Blob.of(next.toBytes()), h, Blob.of(EnvelopeDescriptor.of(pq).encode()), 0));
            } catch (PigeonholeException | RuntimeException | LinkageError e) {
                LOG.warn("app {}: preparing a write failed: {}", app, e.getMessage());
                synchronized (ch) {
                    if (ch.position == next) { // nothing reserved after it: give the box back
                        ch.position = target;
                    }
                }
                reply(app, writeError(q, chId, ErrorCode.INTERNAL_ERROR));
            }
        });
    }

    private void read(AppId app, ThinRequest.ReadChannel c) {
        QueryId q = c.queryId();
        int chId = c.channelId();
        Optional<Channel> found = channels.lookup(app, chId);
        if (found.isEmpty()) {
            reply(app, readError(q, chId, ErrorCode.CHANNEL_NOT_FOUND));
            return;
        }
        Channel ch = found.get();
        if (ch.isWriter()) {
            reply(app, readError(q, chId, ErrorCode.INVALID_CHANNEL));
            return;
        }
        Integer ri = c.replyIndex();
        if (ri != null && ri != 0 && ri != 1) {
            reply(app, readError(q, chId, ErrorCode.INVALID_REQUEST));
            return;
        }
        MessageBoxIndex target;
        MessageBoxIndex next;
        try {
            if (c.messageBoxIndex() != null) {
                ch.moveTo(MessageBoxIndex.fromBytes(c.messageBoxIndex().toByteArray()));
            }
            target = ch.position();
            next = target.next();
        } catch (PigeonholeException e) {
            reply(app, readError(q, chId, ErrorCode.INVALID_REQUEST));
            return;
        }
        Optional<ReplicaDirectory> dir = transport.replicas();
        if (dir.isEmpty()) {
            LOG.info("app {}: read_channel without a PKI document", app);
            reply(app, readError(q, chId, ErrorCode.INTERNAL_ERROR));
            return;
        }
        long replicaEpoch = ReplicaEpochs.at(clock.instant());
        crypto.execute(() -> {
            try (PreparedQuery pq = preparer.prepareRead(ch.readCap, target, ri == null ? 0 : ri,
                    dir.get().forReplicaEpoch(replicaEpoch), dir.get().pkiEpoch())) {
                Hash256 h = remember(ch, pq, ch.readCap);
                reply(app, new ThinResponse.ReadChannelReply(q, chId, 0, Blob.of(pq.courierQuery()), Blob.of(target.toBytes()),
                        Blob.of(next.toBytes()), ri, h, Blob.of(EnvelopeDescriptor.of(pq).encode())));
            } catch (PigeonholeException | RuntimeException | LinkageError e) {
                LOG.warn("app {}: preparing a read failed: {}", app, e.getMessage());
                reply(app, readError(q, chId, ErrorCode.INTERNAL_ERROR));
            }
        });
    }

    private Hash256 remember(Channel ch, PreparedQuery pq, ReadCap rc) {
        Hash256 h = Hash256.of(pq.envelopeHash());
        EnvelopeRecord rec = EnvelopeRecord.prepared(pq, rc);
        ch.envelopes.put(h, rec);
        remembered.put(h, rec);
        return h;
    }

    private static ThinResponse.WriteChannelReply writeError(QueryId q, int chId, ErrorCode code) {
        return new ThinResponse.WriteChannelReply(q, chId, Blob.EMPTY, Blob.EMPTY, Blob.EMPTY, ZERO_HASH, Blob.EMPTY,
                code.code());
    }

    private static ThinResponse.ReadChannelReply readError(QueryId q, int chId, ErrorCode code) {
        return new ThinResponse.ReadChannelReply(q, chId, code.code(), Blob.EMPTY, Blob.EMPTY, Blob.EMPTY, null, ZERO_HASH,
                Blob.EMPTY);
    }

    // ------------------------------------------------------------------ sending and replies

    /** Orders the sent event before the reply event even if the reply comes back during send(). */
    private static final class Pending {
        private boolean sentAnnounced;
        private byte[] early;
    }

    private void sendQuery(AppId app, ThinRequest.SendChannelQuery c) {
        MessageId m = c.messageId();
        if (m == null || c.channelId() == null || c.destinationIdHash() == null || c.recipientQueueId() == null
                || c.payload() == null) {
            sentEvent(app, m, null, ErrorCode.INVALID_REQUEST);
            return;
        }
        int chId = c.channelId();
        if (channels.lookup(app, chId).isEmpty()) {
            sentEvent(app, m, null, ErrorCode.CHANNEL_NOT_FOUND);
            return;
        }
        byte[] dest = c.destinationIdHash().toByteArray();
        byte[] queue = c.recipientQueueId().toByteArray();
        byte[] payload = c.payload().toByteArray();
        io.execute(() -> {
            Pending p = new Pending();
            transport.sendAsync(app, dest, queue, payload, reply -> {
                synchronized (p) {
                    if (!p.sentAnnounced) {
                        p.early = reply;
                        return;
                    }
                }
                onReply(app, m, chId, reply);
            }).whenComplete((sent, failure) -> {
                if (failure != null) {
                    Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.info("app {}: channel query not sent: {}", app, t.getMessage());
                    sentEvent(app, m, null, ErrorCode.INTERNAL_ERROR);
                    return;
                }
                reply(app, new ThinResponse.ChannelQuerySentEvent(m, sent.sentAt(), sent.replyEta(), 0));
                byte[] early;
                synchronized (p) {
                    p.sentAnnounced = true;
                    early = p.early;
                }
                if (early != null) {
                    onReply(app, m, chId, early);
                }
            });
        });
    }

    private void sentEvent(AppId app, MessageId m, CourierQueryTransport.Sent sent, ErrorCode code) {
        reply(app, new ThinResponse.ChannelQuerySentEvent(m, clock.instant(), Duration.ZERO, code.code()));
    }

    /** Interprets one courier reply (the SURB payload) for the query {@code m} sent on channel {@code chId}. */
    void onReply(AppId app, MessageId m, int chId, byte[] surbPayload) {
        CourierEnvelopeReply r;
        try {
            r = ReplyReader.parse(surbPayload);
        } catch (DecodeException e) {
            LOG.info("app {}: unusable courier reply: {}", app, e.getMessage());
            replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
            return;
        }
        Optional<Channel> found = channels.lookup(app, chId);
        if (found.isEmpty()) {
            replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
            return;
        }
        Channel ch = found.get();
        if (r.errorCode() != 0) {
            replyEvent(app, m, Blob.EMPTY, null, courierError(r.errorCode()));
            return;
        }
        if (r.isAck() || r.payload().length == 0) {
            replyEvent(app, m, Blob.EMPTY, null, 0);
            return;
        }
        Hash256 h = Hash256.of(r.envelopeHash());
        EnvelopeRecord rec = ch.envelopes.get(h);
        if (rec == null) {
            rec = remembered.get(h);
        }
        int ri = r.replyIndex();
        if (rec == null || ri > 1) {
            LOG.info("app {}: reply for an unknown envelope or slot {}", app, ri);
            replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
            return;
        }
        EnvelopeRecord record = rec;
        Runnable work = () -> deliver(app, m, ch, record, ri, r.payload());
        if (record.needsKeyAgreement()) {
            crypto.execute(work);
        } else {
            work.run();
        }
    }

    private void deliver(AppId app, MessageId m, Channel ch, EnvelopeRecord rec, int ri, byte[] payload) {
        byte[] inner;
        try {
            inner = rec.open(mkem, ri, payload, transport.replicas(), pkiEpochPeriod);
        } catch (PigeonholeException | RuntimeException | LinkageError e) {
            LOG.info("app {}: replica reply does not decrypt: {}", app, e.getMessage());
            replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
            return;
        }
        ReplicaMessageReplyInnerMessage msg;
        try {
            msg = ReplicaMessageReplyInnerMessage.decode(inner);
        } catch (DecodeException e) {
            LOG.info("app {}: replica reply does not parse: {}", app, e.getMessage());
            replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
            return;
        }
        switch (msg) {
            case ReplicaWriteReply w -> {
                if (rec.kind != EnvelopeRecord.Kind.WRITE) {
                    replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
                } else {
                    replyEvent(app, m, Blob.EMPTY, ri, w.errorCode());
                }
            }
            case ReplicaReadReply rr -> {
                if (rec.kind != EnvelopeRecord.Kind.READ || rec.readCap == null) {
                    replyEvent(app, m, null, null, ErrorCode.INTERNAL_ERROR.code());
                } else if (rr.errorCode() == ReplicaMessageReplyInnerMessage.BOX_NOT_FOUND) {
                    replyEvent(app, m, Blob.EMPTY, ri, 0);
                } else if (rr.errorCode() != ReplicaMessageReplyInnerMessage.SUCCESS) {
                    replyEvent(app, m, Blob.EMPTY, ri, ErrorCode.INTERNAL_ERROR.code());
                } else {
                    deliverRead(app, m, ch, rec, ri, rr);
                }
            }
        }
    }

    private void deliverRead(AppId app, MessageId m, Channel ch, EnvelopeRecord rec, int ri, ReplicaReadReply rr) {
        byte[] message = null;
        if (!rr.hasZeroSignature()) {
            try {
                byte[] padded = rec.target.open(rec.readCap, Bacap.pigeonholeContext(), rr.payload(), rr.signature());
                message = PaddedPayload.extract(padded);
            } catch (PigeonholeException | RuntimeException | LinkageError e) {
                LOG.info("app {}: box does not verify or decrypt: {}", app, e.getMessage());
            }
        }
        if (message == null) {
            int bad = ErrorCode.INVALID_PAYLOAD.code();
            reply(app, new ThinResponse.MessageReplyEvent(m, null, Blob.EMPTY, ri, bad));
            replyEvent(app, m, Blob.EMPTY, ri, bad);
            return;
        }
        if (!ch.isWriter() && MessageDigest.isEqual(ch.readCap.rootPublicKey(), rec.readCap.rootPublicKey())) {
            try {
                ch.advanceTo(rec.target.next());
            } catch (PigeonholeException e) {
                LOG.warn("app {}: reader at the end of the index space", app);
            }
        }
        Blob b = Blob.of(message);
        reply(app, new ThinResponse.MessageReplyEvent(m, null, b, ri, 0));
        replyEvent(app, m, b, ri, 0);
    }

    private void replyEvent(AppId app, MessageId m, Blob payload, Integer ri, int code) {
        reply(app, new ThinResponse.ChannelQueryReplyEvent(m, payload, ri, code));
    }

    /** The reference's mapping of courier envelope errors into the thin-client code space. */
    static int courierError(int courierCode) {
        return switch (courierCode) {
            case CourierEnvelopeReply.ERROR_INVALID_ENVELOPE -> code(ErrorCode.INVALID_REQUEST);
            case CourierEnvelopeReply.ERROR_CACHE_CORRUPTION -> code(ErrorCode.COURIER_CACHE_CORRUPTION);
            case CourierEnvelopeReply.ERROR_PROPAGATION -> code(ErrorCode.PROPAGATION_ERROR);
            default -> code(ErrorCode.INTERNAL_ERROR);
        };
    }

    private static int code(ErrorCode c) {
        return c.code();
    }

    private void reply(AppId app, ThinResponse r) {
        sink.send(app, r);
    }
}
