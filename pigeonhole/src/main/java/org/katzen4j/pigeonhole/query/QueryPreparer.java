package org.katzen4j.pigeonhole.query;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.katzen4j.pigeonhole.PaddedPayload;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.SealedBox;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.message.CourierEnvelope;
import org.katzen4j.pigeonhole.message.ReplicaInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaRead;
import org.katzen4j.pigeonhole.message.ReplicaWrite;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.replica.Sharding;

/**
 * Builds courier queries the way the reference client does: pad and BACAP-encrypt (write) or derive
 * the box ID (read), wrap in a ReplicaInnerMessage, pick two intermediate replicas, MKEM-encrypt to
 * their envelope keys and put it all in a CourierEnvelope. The MKEM part costs three CTIDH group actions
 * with the real replica NIKE: call from a worker thread.
 */
public final class QueryPreparer {
    private final PigeonholeGeometry geometry;
    private final Mkem mkem;
    private final SecureRandom rng;

    public QueryPreparer(PigeonholeGeometry geometry, Mkem mkem, SecureRandom rng) {
        this.geometry = geometry;
        this.mkem = mkem;
        this.rng = rng;
    }

    public PigeonholeGeometry geometry() {
        return geometry;
    }

    /** A write of {@code message} (at most MaxPlaintextPayloadLength bytes) into the box of {@code index}. */
    public PreparedQuery prepareWrite(WriteCap cap, MessageBoxIndex index, byte[] message, List<StorageReplica> replicas,
            long pkiEpoch) throws PigeonholeException {
        if (message.length > geometry.maxPlaintextPayloadLength()) {
            throw new PigeonholeException(Kind.BAD_PAYLOAD, "message of " + message.length + " bytes exceeds the maximum of "
                    + geometry.maxPlaintextPayloadLength());
        }
        byte[] padded = PaddedPayload.create(message, geometry.paddedPayloadLength());
        SealedBox box = index.encrypt(cap, Bacap.pigeonholeContext(), padded);
        ReplicaInnerMessage inner = new ReplicaWrite(box.boxId(), box.signature(), box.ciphertext());
        return envelope(PreparedQuery.Kind.WRITE, box.boxId(), inner, index, 0, replicas, pkiEpoch);
    }

    /** A read of the box of {@code index}; {@code replyIndex} (0 or 1) picks the intermediate whose reply the courier returns. */
    public PreparedQuery prepareRead(ReadCap cap, MessageBoxIndex index, int replyIndex, List<StorageReplica> replicas,
            long pkiEpoch) throws PigeonholeException {
        if (replyIndex != 0 && replyIndex != 1) {
            throw new PigeonholeException(Kind.INVALID_INDEX, "reply_index must be 0 or 1");
        }
        byte[] boxId = index.boxId(cap, Bacap.pigeonholeContext());
        return envelope(PreparedQuery.Kind.READ, boxId, new ReplicaRead(boxId), index, replyIndex, replicas, pkiEpoch);
    }

    private PreparedQuery envelope(PreparedQuery.Kind kind, byte[] boxId, ReplicaInnerMessage inner, MessageBoxIndex target,
            int replyIndex, List<StorageReplica> replicas, long pkiEpoch) throws PigeonholeException {
        List<byte[]> ids = new ArrayList<>();
        for (StorageReplica r : replicas) {
            ids.add(r.identityKey());
        }
        int[] nums = Sharding.intermediateReplicas(boxId, ids, rng);
        byte[][] pubs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            pubs[i] = replicas.get(nums[i]).envelopePublicKey();
            if (pubs[i] == null || pubs[i].length == 0) {
                throw new PigeonholeException(Kind.REPLICAS_UNAVAILABLE, "no envelope key for replica " + nums[i]
                        + " in the current replica epoch");
            }
        }
        try (Mkem.Encapsulation e = mkem.encapsulate(List.of(pubs[0], pubs[1]), inner.toBytes())) {
            CourierEnvelope env = new CourierEnvelope(nums[0], nums[1], e.dek(0), e.dek(1), replyIndex, pkiEpoch,
                    e.ephemeralPublicKey(), e.envelope());
            return new PreparedQuery(kind, env, target, pubs, e.ephemeralPrivateKey(),
                    new byte[][] {e.replyKey(0), e.replyKey(1)});
        }
    }
}
