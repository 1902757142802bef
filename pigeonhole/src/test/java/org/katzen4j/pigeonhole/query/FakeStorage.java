package org.katzen4j.pigeonhole.query;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;
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
 * An in-process courier and replicas behaving as the v0.0.71 ones do (spec §7): replicas share one
 * box store (standing in for replication), verify write signatures, overwrite, and answer writes with
 * the buggy one-byte inner message unless told otherwise; the courier deduplicates by envelope hash,
 * ACKs the first copy, answers later copies from its never-expiring reply cache with slot fallback,
 * and types payloads of at most 29 bytes as ACK.
 */
final class FakeStorage {
    static final int SURB_PAYLOAD = 2000;

    final Nike nike;
    final Mkem mkem;
    final List<NikeKeyPair> replicaKeys = new ArrayList<>();
    final List<StorageReplica> replicas = new ArrayList<>();
    final Map<String, Box> store = new HashMap<>();
    final Map<String, byte[][]> courierCache = new HashMap<>();
    boolean bugCompatibleWriteReply = true;
    int dispatches;

    FakeStorage(Nike nike, int n, SecureRandom rng) throws PigeonholeException {
        this.nike = nike;
        this.mkem = new Mkem(nike, rng);
        for (int i = 0; i < n; i++) {
            NikeKeyPair kp = nike.generateKeyPair(rng);
            replicaKeys.add(kp);
            byte[] id = new byte[32];
            rng.nextBytes(id);
            replicas.add(new StorageReplica(id, kp.publicKey()));
        }
    }

    static String key(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** One replica handling its part of an envelope; returns the MKEM reply bytes. */
    byte[] replica(int num, byte[] senderPubkey, byte[] dek, byte[] ciphertext) throws PigeonholeException {
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
                    ? new ReplicaReadReply(ReplicaMessageReplyInnerMessage.BOX_NOT_FOUND, r.boxId(), new byte[64], new byte[0]).toBytes()
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

    /** The courier: takes the (padded) CourierQuery, returns the SURB payload (padded reply). */
    byte[] courier(byte[] paddedQuery) throws Exception {
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
            int[] nums = {e.replica0(), e.replica1()};
            for (int s = 0; s < 2; s++) {
                dispatches++;
                try {
                    slots[s] = replica(nums[s], e.senderPubkey(), e.dek(s), e.ciphertext());
                } catch (PigeonholeException ex) {
                    slots[s] = null; // the reference replica answers errors without a payload; keep it simple
                }
            }
            r = new CourierEnvelopeReply(h, e.replyIndex(), CourierEnvelopeReply.REPLY_TYPE_ACK, new byte[0], 0);
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
        return new ByteWriter(SURB_PAYLOAD).bytes(enc).zeros(SURB_PAYLOAD - enc.length).toByteArray();
    }

    static byte[] padQuery(byte[] query, int size) {
        return new ByteWriter(size).bytes(query).zeros(size - query.length).toByteArray();
    }
}
