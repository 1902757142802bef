package org.katzen4j.thinclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.config.ConfigException;
import org.katzen4j.config.ThinClientConfig;
import org.katzen4j.pki.PkiException;
import org.katzen4j.thinclient.ThinClientException.Kind;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelQueryReplyEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelQuerySentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ConnectionStatusEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.CreateReadChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.CreateWriteChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.MessageReplyEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.MessageSentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.NewPkiDocumentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ReadChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ResumeReadChannelQueryReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ResumeReadChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ResumeWriteChannelQueryReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ResumeWriteChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ShutdownEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.WriteChannelReply;
import org.katzen4j.thinclient.protocol.WriteCap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java thin client: one connection to a katzenpost client daemon ({@code kpclientd}, Go
 * reference or katzen4j), mirroring the Go thin client of v0.0.71.
 *
 * <p>Every request is correlated by id through a future registered before the frame is written:
 * channel operations by query id, channel queries by message id, legacy sends by SURB id, ARQ
 * sends by message id. Asynchronous methods return {@link CompletableFuture}s (cancel them to
 * stop waiting); blocking methods take a timeout. Every response the daemon sends is also
 * published to subscribers ({@link #events(int)}, {@link #subscribe(Consumer)}).
 */
public final class ThinClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThinClient.class);

    /** Name of the echo service capability. */
    public static final String ECHO = "echo";
    /** Name of the courier service capability. */
    public static final String COURIER = "courier";

    /**
     * Client settings.
     *
     * @param dialTimeout how long {@link #dial} waits for the daemon's first frame (and for the PKI document after it)
     * @param maxFrameSize largest accepted frame from the daemon
     * @param rng source of ids
     * @param referenceDaemonSafe never send what crashes a v0.0.71 Go daemon: "send without reply"
     *        is then sent with a SURB whose reply is ignored
     */
    public record Options(Duration dialTimeout, int maxFrameSize, SecureRandom rng, boolean referenceDaemonSafe) {
        public Options {
            Objects.requireNonNull(dialTimeout);
            Objects.requireNonNull(rng);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Frames.DEFAULT_MAX_FRAME, new SecureRandom(), true);
        }

        public Options withDialTimeout(Duration d) {
            return new Options(d, maxFrameSize, rng, referenceDaemonSafe);
        }

        public Options withRandom(SecureRandom r) {
            return new Options(dialTimeout, maxFrameSize, r, referenceDaemonSafe);
        }

        public Options withReferenceDaemonSafe(boolean b) {
            return new Options(dialTimeout, maxFrameSize, rng, b);
        }
    }

    private final ThinClientConfig config;
    private final Options options;
    private final Object writeLock = new Object();
    private final OutputStream out;
    private final InputStream in;
    private final AutoCloseable socket;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();

    private final Map<QueryId, PendingReply> pendingReplies = new LinkedHashMap<>(); // guarded by itself
    private final Map<MessageId, PendingQuery> pendingQueries = new ConcurrentHashMap<>();
    private final Map<SurbId, CompletableFuture<byte[]>> pendingSurbs = new ConcurrentHashMap<>();
    private final Map<MessageId, CompletableFuture<byte[]>> pendingArq = new ConcurrentHashMap<>();

    private volatile boolean connected;
    private volatile PkiDocument document;
    /** Recent documents by epoch (at most {@link #DOCUMENT_CACHE} kept). Guarded by itself. */
    private final java.util.TreeMap<Long, PkiDocument> documents = new java.util.TreeMap<>();
    private static final int DOCUMENT_CACHE = 5;
    private volatile boolean closed;
    private final CompletableFuture<Void> firstStatus = new CompletableFuture<>();
    private final CompletableFuture<Void> secondFrame = new CompletableFuture<>();
    private final CompletableFuture<Void> halted = new CompletableFuture<>();
    private int framesSeen;

    private record PendingReply(Class<? extends ChannelReply> type, CompletableFuture<ChannelReply> future) {
    }

    private record PendingQuery(CompletableFuture<ChannelQuerySentEvent> sent, CompletableFuture<byte[]> reply) {
    }

    private ThinClient(ThinClientConfig config, Options options, AutoCloseable socket, InputStream in,
            OutputStream out) {
        this.config = config;
        this.options = options;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    // ------------------------------------------------------------------ dial / close

    /** Loads thinclient.toml (with the config module's loader) and dials. */
    public static ThinClient dial(Path thinClientToml) throws ThinClientException {
        try {
            return dial(ThinClientConfig.load(thinClientToml), Options.defaults());
        } catch (ConfigException e) {
            throw new ThinClientException(Kind.CONFIG, e.getMessage(), e);
        }
    }

    public static ThinClient dial(ThinClientConfig config) throws ThinClientException {
        return dial(config, Options.defaults());
    }

    /**
     * Connects, waits for the daemon's {@code connection_status_event} and then for the PKI
     * document (a daemon that has none yet sends nothing more; dial then returns without a
     * document once {@code dialTimeout} has passed after the status).
     */
    public static ThinClient dial(ThinClientConfig config, Options options) throws ThinClientException {
        ThinClient c = connect(config, options);
        Thread.ofVirtual().name("thin-client-reader").start(c::readLoop);
        try {
            c.firstStatus.get(options.dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            c.close();
            throw new ThinClientException(Kind.TIMEOUT, "no connection status from the daemon within "
                    + options.dialTimeout());
        } catch (ExecutionException e) {
            c.close();
            throw asThin(e.getCause(), "dial");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new ThinClientException(Kind.IO, "interrupted while dialling");
        }
        try {
            c.secondFrame.get(options.dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("thin client: daemon sent no PKI document yet; continuing without one");
        } catch (ExecutionException e) {
            c.close();
            throw asThin(e.getCause(), "dial");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new ThinClientException(Kind.IO, "interrupted while dialling");
        }
        return c;
    }

    private static ThinClient connect(ThinClientConfig config, Options options) throws ThinClientException {
        String network = config.network();
        String address = config.address();
        try {
            switch (network) {
                case "tcp", "tcp4", "tcp6" -> {
                    Socket s = new Socket();
                    s.connect(tcpAddress(address), (int) Math.min(Integer.MAX_VALUE, options.dialTimeout().toMillis()));
                    s.setTcpNoDelay(true);
                    return new ThinClient(config, options, s, s.getInputStream(), s.getOutputStream());
                }
                case "unix" -> {
                    if (address.startsWith("@")) {
                        throw new ThinClientException(Kind.CONFIG,
                                "abstract UNIX socket \"" + address + "\" is not supported by the JDK");
                    }
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(address));
                    return new ThinClient(config, options, ch, Channels.newInputStream(ch),
                            Channels.newOutputStream(ch));
                }
                default -> throw new ThinClientException(Kind.CONFIG, "unsupported network \"" + network + "\"");
            }
        } catch (IOException e) {
            throw new ThinClientException(Kind.IO, "cannot connect to " + network + " " + address + ": "
                    + e.getMessage(), e);
        }
    }

    static SocketAddress tcpAddress(String address) throws ThinClientException {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new ThinClientException(Kind.CONFIG, "address \"" + address + "\" has no port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return new InetSocketAddress(host.isEmpty() ? "localhost" : host, port);
        } catch (IllegalArgumentException e) {
            throw new ThinClientException(Kind.CONFIG, "bad address \"" + address + "\": " + e.getMessage());
        }
    }

    /** Sends {@code thin_close} and closes the connection; pending calls fail with CONNECTION_CLOSED. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            write(new ThinRequest.ThinClose());
        } catch (ThinClientException e) {
            LOG.debug("thin_close not sent: {}", e.getMessage());
        }
        shutdown("closed by the application");
    }

    private void shutdown(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            socket.close();
        } catch (Exception e) {
            LOG.debug("closing socket: {}", e.getMessage());
        }
        ThinClientException ex = new ThinClientException(Kind.CONNECTION_CLOSED, "connection closed: " + reason);
        firstStatus.completeExceptionally(ex);
        secondFrame.completeExceptionally(ex);
        List<CompletableFuture<?>> all = new ArrayList<>();
        synchronized (pendingReplies) {
            pendingReplies.values().forEach(p -> all.add(p.future()));
            pendingReplies.clear();
        }
        pendingQueries.values().forEach(p -> {
            all.add(p.sent());
            all.add(p.reply());
        });
        pendingQueries.clear();
        all.addAll(pendingSurbs.values());
        pendingSurbs.clear();
        all.addAll(pendingArq.values());
        pendingArq.clear();
        for (CompletableFuture<?> f : all) {
            f.completeExceptionally(ex);
        }
        halted.complete(null);
        for (Subscription s : subscribers) {
            s.close();
        }
    }

    /** Completes when the connection is gone (closed, daemon shutdown or I/O failure). */
    public CompletableFuture<Void> halted() {
        return halted.copy();
    }

    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ state

    public ThinClientConfig config() {
        return config;
    }

    /** The last connection status the daemon reported. */
    public boolean isConnected() {
        return connected;
    }

    /** The latest PKI document, if one has arrived. */
    public Optional<PkiDocument> pkiDocument() {
        return Optional.ofNullable(document);
    }

    /**
     * The document for {@code epoch} if one of the last few received documents is for it, else
     * the latest (as the reference's PKIDocumentForEpoch).
     */
    public PkiDocument pkiDocumentForEpoch(long epoch) throws ThinClientException {
        synchronized (documents) {
            PkiDocument d = documents.get(epoch);
            if (d != null) {
                return d;
            }
        }
        PkiDocument latest = document;
        if (latest == null) {
            throw new ThinClientException(Kind.NO_DOCUMENT, "no PKI document received yet");
        }
        return latest;
    }

    /** Every service node offering {@code capability}. */
    public List<Destination> getServices(String capability) throws ThinClientException {
        PkiDocument doc = document;
        if (doc == null) {
            throw new ThinClientException(Kind.NO_DOCUMENT, "no PKI document received yet");
        }
        List<Destination> s = doc.services(capability);
        if (s.isEmpty()) {
            throw new ThinClientException(Kind.NO_SERVICE, "no service node offers \"" + capability + "\"");
        }
        return s;
    }

    /** One service node offering {@code capability}, chosen uniformly at random. */
    public Destination getService(String capability) throws ThinClientException {
        List<Destination> s = getServices(capability);
        return s.get(options.rng().nextInt(s.size()));
    }

    /** A random courier (for channel queries). */
    public Destination getCourierDestination() throws ThinClientException {
        return getService(COURIER);
    }

    public MessageId newMessageId() {
        return MessageId.random(options.rng());
    }

    public SurbId newSurbId() {
        return SurbId.random(options.rng());
    }

    public QueryId newQueryId() {
        return QueryId.random(options.rng());
    }

    // ------------------------------------------------------------------ events

    /** A queue receiving every response from now on (bounded; overflow is logged and counted). */
    public Subscription events(int capacity) {
        Subscription s = new Subscription(this, capacity);
        subscribers.add(s);
        return s;
    }

    /** Runs {@code callback} for every response from now on, on the subscription's own thread. */
    public Subscription subscribe(Consumer<ThinResponse> callback) {
        Subscription s = new Subscription(this, callback);
        subscribers.add(s);
        return s;
    }

    void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    // ------------------------------------------------------------------ reading

    private void readLoop() {
        String reason = "end of stream";
        try {
            while (!closed) {
                byte[] body = Frames.read(in, options.maxFrameSize());
                if (body == null) {
                    break;
                }
                Optional<ThinResponse> r;
                try {
                    r = ThinResponse.decode(body);
                } catch (DecodeException e) {
                    LOG.warn("thin client: dropping undecodable frame ({} bytes): {}", body.length, e.getMessage());
                    continue;
                }
                if (r.isEmpty()) {
                    LOG.debug("thin client: ignoring a response with no known member");
                    continue;
                }
                if (r.get() instanceof ShutdownEvent) {
                    publish(r.get());
                    reason = "daemon shut down";
                    break;
                }
                dispatch(r.get());
            }
        } catch (IOException | DecodeException e) {
            reason = closed ? "closed" : e.getMessage();
        } finally {
            shutdown(reason);
        }
    }

    private void dispatch(ThinResponse r) {
        framesSeen++;
        switch (r) {
            case ConnectionStatusEvent s -> {
                connected = s.isConnected();
            }
            case NewPkiDocumentEvent d -> {
                if (d.payload() == null) {
                    LOG.warn("thin client: PKI document event without payload");
                } else {
                    try {
                        PkiDocument doc = PkiDocument.parse(d.payload().toByteArray());
                        document = doc;
                        synchronized (documents) {
                            documents.put(doc.epoch(), doc);
                            while (documents.size() > DOCUMENT_CACHE) {
                                documents.pollFirstEntry();
                            }
                        }
                    } catch (PkiException e) {
                        LOG.warn("thin client: cannot parse PKI document: {}", e.getMessage());
                    }
                }
            }
            case ChannelReply cr -> completeChannelReply(cr);
            case ChannelQuerySentEvent e -> {
                PendingQuery p = e.messageId() == null ? null : pendingQueries.get(e.messageId());
                if (p != null) {
                    if (e.errorCode() != 0) {
                        ThinClientException ex = ThinClientException.errorReply("channel query", e.errorCode());
                        p.sent().completeExceptionally(ex);
                        p.reply().completeExceptionally(ex);
                    } else {
                        p.sent().complete(e);
                    }
                }
            }
            case ChannelQueryReplyEvent e -> {
                PendingQuery p = e.messageId() == null ? null : pendingQueries.get(e.messageId());
                if (p != null) {
                    if (e.errorCode() != 0) {
                        p.reply().completeExceptionally(ThinClientException.errorReply("channel query reply",
                                e.errorCode()));
                    } else {
                        p.reply().complete(e.payload() == null ? new byte[0] : e.payload().toByteArray());
                    }
                }
            }
            case MessageSentEvent e -> {
                if (!e.err().isEmpty()) {
                    ThinClientException ex = new ThinClientException(Kind.ERROR_REPLY, "send failed: " + e.err());
                    CompletableFuture<byte[]> f = e.messageId() == null ? null : pendingArq.get(e.messageId());
                    if (f != null) {
                        f.completeExceptionally(ex);
                    }
                    CompletableFuture<byte[]> g = e.surbId() == null ? null : pendingSurbs.get(e.surbId());
                    if (g != null) {
                        g.completeExceptionally(ex);
                    }
                }
            }
            case MessageReplyEvent e -> {
                CompletableFuture<byte[]> f = null;
                if (e.surbId() != null) {
                    f = pendingSurbs.get(e.surbId());
                }
                if (f == null && e.messageId() != null) {
                    f = pendingArq.get(e.messageId());
                }
                if (f != null) {
                    if (e.errorCode() != 0) {
                        f.completeExceptionally(ThinClientException.errorReply("message reply", e.errorCode()));
                    } else {
                        f.complete(e.payload() == null ? new byte[0] : e.payload().toByteArray());
                    }
                }
            }
            default -> {
            }
        }
        // publish first, so a subscriber created right after dial() never sees the dial frames
        publish(r);
        if (r instanceof ConnectionStatusEvent) {
            firstStatus.complete(null);
        }
        if (framesSeen >= 2 || r instanceof NewPkiDocumentEvent) {
            secondFrame.complete(null);
        }
    }

    private void publish(ThinResponse r) {
        for (Subscription s : subscribers) {
            s.deliver(r);
        }
    }

    private void completeChannelReply(ChannelReply cr) {
        PendingReply p = null;
        synchronized (pendingReplies) {
            if (cr.queryId() != null) {
                PendingReply q = pendingReplies.get(cr.queryId());
                if (q != null && q.type().isInstance(cr)) {
                    p = pendingReplies.remove(cr.queryId());
                }
            } else if (cr.errorCode() != 0) {
                // v0.0.71 daemons leave query_id null in some error replies: give the error to
                // the oldest waiting call of that reply type
                Iterator<PendingReply> it = pendingReplies.values().iterator();
                while (it.hasNext()) {
                    PendingReply q = it.next();
                    if (q.type().isInstance(cr)) {
                        it.remove();
                        p = q;
                        break;
                    }
                }
            }
        }
        if (p == null) {
            return;
        }
        if (cr.errorCode() != 0) {
            p.future().completeExceptionally(ThinClientException.errorReply(cr.key(), cr.errorCode()));
        } else {
            p.future().complete(cr);
        }
    }

    // ------------------------------------------------------------------ writing

    private void write(ThinRequest r) throws ThinClientException {
        if (closed) {
            throw new ThinClientException(Kind.CONNECTION_CLOSED, "connection closed");
        }
        byte[] frame = Frames.frame(r.encode());
        synchronized (writeLock) {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                throw new ThinClientException(Kind.IO, "write failed: " + e.getMessage(), e);
            }
        }
    }

    private <T extends ChannelReply> CompletableFuture<T> channelRequest(QueryId q, ThinRequest r, Class<T> type) {
        CompletableFuture<ChannelReply> f = new CompletableFuture<>();
        synchronized (pendingReplies) {
            pendingReplies.put(q, new PendingReply(type, f));
        }
        f.whenComplete((v, e) -> {
            synchronized (pendingReplies) {
                PendingReply p = pendingReplies.get(q);
                if (p != null && p.future() == f) {
                    pendingReplies.remove(q);
                }
            }
        });
        try {
            write(r);
        } catch (ThinClientException e) {
            f.completeExceptionally(e);
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> typed = (CompletableFuture<T>) (CompletableFuture<?>) f; // type checked on completion
        return typed;
    }

    /** {@code src.thenApply(fn)} whose cancellation also cancels {@code src} (dropping its correlation entry). */
    private static <S, T> CompletableFuture<T> mapped(CompletableFuture<S> src, java.util.function.Function<S, T> fn) {
        CompletableFuture<T> out = src.thenApply(fn);
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                src.cancel(false);
            }
        });
        return out;
    }

    private void requireConnected() throws ThinClientException {
        if (!connected) {
            throw new ThinClientException(Kind.NOT_CONNECTED, "the daemon is not connected to the mixnet");
        }
    }

    private void checkLegacyPayload(byte[] payload) throws ThinClientException {
        int max = config.sphinxGeometry().userForwardPayloadLength();
        if (payload.length > max) {
            throw new ThinClientException(Kind.INVALID_ARGUMENT,
                    "payload of " + payload.length + " bytes exceeds UserForwardPayloadLength " + max);
        }
    }

    // ------------------------------------------------------------------ legacy API

    /**
     * Sends a message without asking for a reply. The v0.0.71 Go daemon crashes on this request;
     * with {@link Options#referenceDaemonSafe()} (default) it is sent with a SURB whose reply is ignored.
     */
    public void sendMessageWithoutReply(byte[] payload, Destination dest) throws ThinClientException {
        requireConnected();
        checkLegacyPayload(payload);
        if (options.referenceDaemonSafe()) {
            write(new ThinRequest.SendMessage(null, true, newSurbId(), dest.idHash(), dest.queueId(),
                    Blob.of(payload)));
        } else {
            write(new ThinRequest.SendMessage(null, false, null, dest.idHash(), dest.queueId(), Blob.of(payload)));
        }
    }

    /** Sends with a SURB; the reply arrives as a {@link MessageReplyEvent} carrying {@code surbId}. */
    public void sendMessage(SurbId surbId, byte[] payload, Destination dest) throws ThinClientException {
        Objects.requireNonNull(surbId, "surbId");
        requireConnected();
        checkLegacyPayload(payload);
        write(new ThinRequest.SendMessage(null, true, surbId, dest.idHash(), dest.queueId(), Blob.of(payload)));
    }

    /** Sends with a fresh SURB and completes with the reply payload. Cancel the future to stop waiting. */
    public CompletableFuture<byte[]> sendMessageAwaitReply(byte[] payload, Destination dest) {
        SurbId surb = newSurbId();
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        pendingSurbs.put(surb, f);
        f.whenComplete((v, e) -> pendingSurbs.remove(surb, f));
        try {
            sendMessage(surb, payload, dest);
        } catch (ThinClientException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** The Go client's BlockingSendMessage, bounded by {@code timeout}. */
    public byte[] blockingSendMessage(byte[] payload, Destination dest, Duration timeout) throws ThinClientException {
        return await(sendMessageAwaitReply(payload, dest), timeout);
    }

    /** Sends with the daemon's ARQ (retransmission until a reply or the retry limit); events carry {@code messageId}. */
    public void sendReliableMessage(MessageId messageId, byte[] payload, Destination dest) throws ThinClientException {
        Objects.requireNonNull(messageId, "messageId");
        requireConnected();
        checkLegacyPayload(payload);
        write(new ThinRequest.SendArqMessage(messageId, true, null, dest.idHash(), dest.queueId(), Blob.of(payload)));
    }

    /** ARQ send completing with the reply payload (error 5 when the daemon gives up). */
    public CompletableFuture<byte[]> sendReliableMessageAwaitReply(MessageId messageId, byte[] payload,
            Destination dest) {
        MessageId id = messageId != null ? messageId : newMessageId();
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        pendingArq.put(id, f);
        f.whenComplete((v, e) -> pendingArq.remove(id, f));
        try {
            sendReliableMessage(id, payload, dest);
        } catch (ThinClientException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** The Go client's BlockingSendReliableMessage, bounded by {@code timeout}. */
    public byte[] blockingSendReliableMessage(MessageId messageId, byte[] payload, Destination dest, Duration timeout)
            throws ThinClientException {
        return await(sendReliableMessageAwaitReply(messageId, payload, dest), timeout);
    }

    // ------------------------------------------------------------------ Pigeonhole channels

    /** Creates a write channel; the reply carries the channel id, read cap and write cap. */
    public CompletableFuture<CreateWriteChannelReply> createWriteChannel() {
        QueryId q = newQueryId();
        return channelRequest(q, new ThinRequest.CreateWriteChannel(q), CreateWriteChannelReply.class);
    }

    /** Opens a read channel for {@code readCap}. */
    public CompletableFuture<CreateReadChannelReply> createReadChannel(ReadCap readCap) {
        if (readCap == null) {
            return CompletableFuture.failedFuture(new ThinClientException(Kind.INVALID_ARGUMENT, "readCap is null"));
        }
        QueryId q = newQueryId();
        return channelRequest(q, new ThinRequest.CreateReadChannel(q, readCap), CreateReadChannelReply.class);
    }

    /** Prepares a write of {@code payload} (at most MaxPlaintextPayloadLength bytes). */
    public CompletableFuture<WriteChannelReply> writeChannel(int channelId, byte[] payload) {
        int max = config.pigeonholeGeometry().maxPlaintextPayloadLength();
        if (payload.length > max) {
            return CompletableFuture.failedFuture(new ThinClientException(Kind.INVALID_ARGUMENT,
                    "payload of " + payload.length + " bytes exceeds MaxPlaintextPayloadLength " + max));
        }
        QueryId q = newQueryId();
        return channelRequest(q, new ThinRequest.WriteChannel(q, channelId, Blob.of(payload)),
                WriteChannelReply.class);
    }

    /** Prepares a read; {@code messageBoxIndex} (optional) moves the reader, {@code replyIndex} (optional) picks a replica reply. */
    public CompletableFuture<ReadChannelReply> readChannel(int channelId, MessageBoxIndex messageBoxIndex,
            Integer replyIndex) {
        QueryId q = newQueryId();
        return channelRequest(q, new ThinRequest.ReadChannel(channelId, q, messageBoxIndex, replyIndex),
                ReadChannelReply.class);
    }

    /** Re-opens a write channel; completes with the new channel id. */
    public CompletableFuture<Integer> resumeWriteChannel(WriteCap writeCap, MessageBoxIndex messageBoxIndex) {
        if (writeCap == null) {
            return CompletableFuture.failedFuture(new ThinClientException(Kind.INVALID_ARGUMENT, "writeCap is null"));
        }
        QueryId q = newQueryId();
        return mapped(channelRequest(q, new ThinRequest.ResumeWriteChannel(q, writeCap, messageBoxIndex),
                ResumeWriteChannelReply.class), ChannelReply::channelId);
    }

    /** Re-opens a write channel after its query was sent; completes with the new channel id. */
    public CompletableFuture<Integer> resumeWriteChannelQuery(WriteCap writeCap, MessageBoxIndex messageBoxIndex,
            byte[] envelopeDescriptor, Hash256 envelopeHash) {
        if (writeCap == null) {
            return CompletableFuture.failedFuture(new ThinClientException(Kind.INVALID_ARGUMENT, "writeCap is null"));
        }
        QueryId q = newQueryId();
        return mapped(channelRequest(q, new ThinRequest.ResumeWriteChannelQuery(q, writeCap, messageBoxIndex,
                Blob.of(envelopeDescriptor), envelopeHash), ResumeWriteChannelQueryReply.class), ChannelReply::channelId);
    }

    /** Re-opens a read channel; completes with the new channel id. */
    public CompletableFuture<Integer> resumeReadChannel(ReadCap readCap, MessageBoxIndex nextMessageIndex,
            Integer replyIndex) {
        QueryId q = newQueryId();
        return mapped(channelRequest(q, new ThinRequest.ResumeReadChannel(q, readCap, nextMessageIndex, replyIndex),
                ResumeReadChannelReply.class), ChannelReply::channelId);
    }

    /** Re-opens a read channel after its query was sent; completes with the new channel id. */
    public CompletableFuture<Integer> resumeReadChannelQuery(ReadCap readCap, MessageBoxIndex nextMessageIndex,
            Integer replyIndex, byte[] envelopeDescriptor, Hash256 envelopeHash) {
        QueryId q = newQueryId();
        return mapped(channelRequest(q, new ThinRequest.ResumeReadChannelQuery(q, readCap, nextMessageIndex, replyIndex,
                Blob.of(envelopeDescriptor), envelopeHash), ResumeReadChannelQueryReply.class), ChannelReply::channelId);
    }

    /** Forgets a channel (fire and forget, as in the reference). */
    public void closeChannel(int channelId) throws ThinClientException {
        write(new ThinRequest.CloseChannel(channelId));
    }

    /**
     * Sends a prepared query ({@code payload} = a reply's send_message_payload) to a courier;
     * completes when the daemon reports it sent. The later reply is an event
     * ({@link ChannelQueryReplyEvent}) with the same message id.
     */
    public CompletableFuture<ChannelQuerySentEvent> sendChannelQuery(int channelId, byte[] payload, Destination dest,
            MessageId messageId) {
        return startQuery(channelId, payload, dest, messageId).sent();
    }

    /**
     * Sends a channel query and completes with the courier's reply payload (empty for an ACK or a
     * box not written yet, as in the reference). Fails on a non-zero code in either event.
     */
    public CompletableFuture<byte[]> sendChannelQueryAwaitReply(int channelId, byte[] payload, Destination dest,
            MessageId messageId) {
        return startQuery(channelId, payload, dest, messageId).reply();
    }

    /** Blocking form of {@link #sendChannelQueryAwaitReply}, bounded by {@code timeout}. */
    public byte[] sendChannelQueryAwaitReply(int channelId, byte[] payload, Destination dest, MessageId messageId,
            Duration timeout) throws ThinClientException {
        return await(sendChannelQueryAwaitReply(channelId, payload, dest, messageId), timeout);
    }

    private PendingQuery startQuery(int channelId, byte[] payload, Destination dest, MessageId messageId) {
        MessageId id = messageId != null ? messageId : newMessageId();
        PendingQuery p = new PendingQuery(new CompletableFuture<>(), new CompletableFuture<>());
        pendingQueries.put(id, p);
        p.sent().whenComplete((v, e) -> {
            if (p.sent().isCancelled()) {
                p.reply().cancel(false);
            }
        });
        p.reply().whenComplete((v, e) -> {
            pendingQueries.remove(id, p);
            if (e != null) {
                p.sent().completeExceptionally(e instanceof CancellationException ? new ThinClientException(
                        Kind.CONNECTION_CLOSED, "cancelled") : e);
            }
        });
        try {
            requireConnected();
            write(new ThinRequest.SendChannelQuery(id, channelId, dest.idHash(), dest.queueId(), Blob.of(payload)));
        } catch (ThinClientException e) {
            p.sent().completeExceptionally(e);
            p.reply().completeExceptionally(e);
        }
        return p;
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits for {@code f} up to {@code timeout}. On timeout or interruption the future is
     * cancelled (dropping its correlation entry) and TIMEOUT is thrown; a failed future's
     * {@link ThinClientException} is rethrown as is.
     */
    public static <T> T await(CompletableFuture<T> f, Duration timeout) throws ThinClientException {
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new ThinClientException(Kind.TIMEOUT, "no answer within " + timeout);
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new ThinClientException(Kind.TIMEOUT, "interrupted while waiting");
        } catch (CancellationException e) {
            throw new ThinClientException(Kind.TIMEOUT, "cancelled");
        } catch (ExecutionException e) {
            throw asThin(e.getCause(), "request");
        }
    }

    private static ThinClientException asThin(Throwable t, String what) {
        if (t instanceof ThinClientException te) {
            return te;
        }
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            return asThin(t.getCause(), what);
        }
        return new ThinClientException(Kind.PROTOCOL, what + " failed: " + t, t);
    }

    /** Blocking queue of all events, for callers that prefer polling; same as {@code events(capacity).queue()}. */
    public BlockingQueue<ThinResponse> eventQueue(int capacity) {
        return events(capacity).queue();
    }
}
