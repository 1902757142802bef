package org.katzen4j.daemon.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.message.Box;
import org.katzen4j.pigeonhole.message.CourierEnvelope;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.message.CourierQuery;
import org.katzen4j.pigeonhole.message.ReplicaInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaMessageReplyInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaRead;
import org.katzen4j.pigeonhole.message.ReplicaReadReply;
import org.katzen4j.pigeonhole.message.ReplicaWrite;
import org.katzen4j.pigeonhole.message.ReplicaWriteReply;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.mkem.Nike;
import org.katzen4j.pigeonhole.mkem.NikeKeyPair;

/**
 * An in-process courier with storage replicas behind it, as the v0.0.71 ones behave (Pigeonhole
 * spec §7): the replicas share one box store (standing in for replication to the shards), verify
 * write signatures, overwrite, and answer writes with the one-byte inner message of the reference
 * bug unless told otherwise; the courier deduplicates by envelope hash, ACKs the first copy,
 * answers later copies from its never-expiring cache (slot fallback, payloads of at most 29 bytes
 * typed ACK), and crashes (here: throws) on reply_index above 1. Queries arrive zero-padded to the
 * Sphinx payload size and replies leave zero-padded to the SURB payload size. The courier answers
 * synchronously, inside {@link #send}, which exercises the sent-before-reply ordering.
 */
final class FakeCourierNetwork implements CourierQueryTransport {
    static final int USER_FORWARD_PAYLOAD = 2000;
    static final byte[] COURIER_ID = new byte[32];
    static final byte[] COURIER_QUEUE = "courier".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final Mkem mkem;
    final long replicaEpoch;
    final long pkiEpoch;
    final List<NikeKeyPair> replicaKeys = new ArrayList<>();
    final List<ReplicaDirectory.Replica> replicas = new ArrayList<>();
    final Map<String, Box> store = new HashMap<>();
    final Map<String, byte[][]> courierCache = new HashMap<>();
    boolean bugCompatibleWriteReply = true;
    boolean documentAvailable = true;
    boolean connected = true;
    /** Non-zero: the courier answers every new envelope with this envelope error (3 = dispatch failure). */
    int dispatchError;
    int sends;
    final List<String> appsSeen = new ArrayList<>();

    FakeCourierNetwork(Nike nike, int n, long replicaEpoch, long pkiEpoch, SecureRandom rng) throws PigeonholeException {
        this.mkem = new Mkem(nike, rng);
        this.replicaEpoch = replicaEpoch;
        this.pkiEpoch = pkiEpoch;
        for (int i = 0; i < n; i++) {
            NikeKeyPair kp = nike.generateKeyPair(rng);
            replicaKeys.add(kp);
            byte[] id = new byte[32];
            rng.nextBytes(id);
            replicas.add(new ReplicaDirectory.Replica(id, Map.of(replicaEpoch, kp.publicKey())));
        }
    }

    @Override
    public Optional<ReplicaDirectory> replicas() {
        return documentAvailable ? Optional.of(new ReplicaDirectory(pkiEpoch, replicas)) : Optional.empty();
    }

    @Override
    public synchronized Sent send(AppId app, byte[] destinationIdHash, byte[] recipientQueueId, byte[] payload,
            Consumer<byte[]> onReply) throws TransportException {
        if (!connected) {
            throw new TransportException("not connected");
        }
        if (payload.length > USER_FORWARD_PAYLOAD) {
            throw new TransportException("too large");
        }
        sends++;
        appsSeen.add(app.toString());
        byte[] padded = new ByteWriter(USER_FORWARD_PAYLOAD).bytes(payload).zeros(USER_FORWARD_PAYLOAD - payload.length)
                .toByteArray();
        byte[] reply;
        try {
            reply = courier(padded);
        } catch (DecodeException e) {
            return new Sent(Instant.EPOCH, Duration.ofSeconds(1)); // the real courier stays silent
        }
        onReply.accept(reply);
        return new Sent(Instant.EPOCH, Duration.ofSeconds(1));
    }

    static String key(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A box stored at the replicas, if any. */
    Optional<Box> box(byte[] boxId) {
        return Optional.ofNullable(store.get(key(boxId)));
    }

    private byte[] replica(int num, byte[] senderPubkey, byte[] dek, byte[] ciphertext) throws PigeonholeException {
        NikeKeyPair kp = replicaKeys.get(num);
        byte[] plain = mkem.decapsulate(kp.privateKey(), senderPubkey, List.of(dek), ciphertext);
        ReplicaInnerMessage inner;
        try {
            inner = ReplicaInnerMessage.decode(plain);
        } catch (DecodeException e) {
            throw new PigeonholeException(PigeonholeException.Kind.BAD_PAYLOAD, "replica: bad inner message");
        }
        byte[] reply;
        if (inner instanceof ReplicaRead r) {
            Box b = store.get(key(r.boxId()));
            reply = b == null
                    ? new ReplicaReadReply(ReplicaMessageReplyInnerMessage.BOX_NOT_FOUND, r.boxId(), new byte[64],
                            new byte[0]).toBytes()
                    : new ReplicaReadReply(0, b.boxId(), b.signature(), b.payload()).toBytes();
        } else {
            ReplicaWrite w = (ReplicaWrite) inner;
            int code = 0;
            if (Bacap.verifyBox(w.boxId(), w.payload(), w.signature())) {
                store.put(key(w.boxId()), new Box(w.boxId(), w.payload(), w.signature()));
            } else {
                code = ReplicaMessageReplyInnerMessage.INVALID_SIGNATURE;
            }
            reply = bugCompatibleWriteReply ? new byte[] {0} : new ReplicaWriteReply(code).toBytes();
        }
        return mkem.envelopeReply(kp.privateKey(), senderPubkey, reply);
    }

    private byte[] courier(byte[] paddedQuery) throws DecodeException {
        CourierEnvelope e = (CourierEnvelope) CourierQuery.decodePadded(paddedQuery);
        if (e.replyIndex() > 1) {
            throw new IllegalStateException("the reference courier would crash on reply_index " + e.replyIndex());
        }
        byte[] h = e.envelopeHash();
        byte[][] slots = courierCache.get(key(h));
        CourierEnvelopeReply r;
        if (slots == null) {
            slots = new byte[2][];
            courierCache.put(key(h), slots);
            if (dispatchError != 0) {
                r = new CourierEnvelopeReply(h, e.replyIndex(), CourierEnvelopeReply.REPLY_TYPE_ACK, new byte[0],
                        dispatchError);
            } else {
                int[] nums = {e.replica0(), e.replica1()};
                for (int s = 0; s < 2; s++) {
                    try {
                        slots[s] = replica(nums[s], e.senderPubkey(), e.dek(s), e.ciphertext());
                    } catch (PigeonholeException ex) {
                        slots[s] = null;
                    }
                }
                r = new CourierEnvelopeReply(h, e.replyIndex(), CourierEnvelopeReply.REPLY_TYPE_ACK, new byte[0], 0);
            }
        } else {
            int ri = e.replyIndex();
            byte[] payload;
            if (slots[ri] != null) {
                payload = slots[ri];
            } else if (slots[ri ^ 1] != null) {
                ri ^= 1;
                payload = slots[ri];
            } else {
                payload = new byte[0];
            }
            int type = payload.length > 29 ? CourierEnvelopeReply.REPLY_TYPE_PAYLOAD : CourierEnvelopeReply.REPLY_TYPE_ACK;
            r = new CourierEnvelopeReply(h, ri, type, payload, 0);
        }
        byte[] enc = r.toBytes();
        return new ByteWriter(USER_FORWARD_PAYLOAD).bytes(enc).zeros(USER_FORWARD_PAYLOAD - enc.length).toByteArray();
    }
}
