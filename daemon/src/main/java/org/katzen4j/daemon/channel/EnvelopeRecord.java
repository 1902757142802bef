package org.katzen4j.daemon.channel;

import java.util.Arrays;
import java.util.Optional;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.query.EnvelopeDescriptor;
import org.katzen4j.pigeonhole.query.PreparedQuery;
import org.katzen4j.pigeonhole.replica.ReplicaEpochs;

/**
 * What the daemon keeps about one prepared (or resumed) courier envelope, keyed by envelope hash:
 * whether it writes or reads, the index whose box it targets (replies are decrypted with this
 * index, not with wherever the channel has moved since), the read capability for reads, and the
 * means to open the replicas' MKEM replies: either the two reply keys S_0/S_1 kept from
 * preparation (no key agreement needed) or, for envelopes resumed from an application's
 * descriptor, the ephemeral private key plus the replicas' public keys (one NIKE agreement per
 * reply, CTIDH with the real replica scheme).
 */
final class EnvelopeRecord {
    enum Kind { WRITE, READ }

    final Kind kind;
    final MessageBoxIndex target;
    final ReadCap readCap;
    private final byte[][] replyKeys;
    private final EnvelopeDescriptor descriptor;

    private EnvelopeRecord(Kind kind, MessageBoxIndex target, ReadCap readCap, byte[][] replyKeys,
            EnvelopeDescriptor descriptor) {
        this.kind = kind;
        this.target = target;
        this.readCap = readCap;
        this.replyKeys = replyKeys;
        this.descriptor = descriptor;
    }

    /** A query this daemon prepared: keeps S_0/S_1. */
    static EnvelopeRecord prepared(PreparedQuery q, ReadCap readCap) {
        Kind k = q.kind() == PreparedQuery.Kind.WRITE ? Kind.WRITE : Kind.READ;
        return new EnvelopeRecord(k, q.target(), readCap, new byte[][] {q.replyKey(0), q.replyKey(1)}, null);
    }

    /** A query resumed from an application's descriptor. */
    static EnvelopeRecord resumed(Kind kind, MessageBoxIndex target, ReadCap readCap, EnvelopeDescriptor d) {
        return new EnvelopeRecord(kind, target, readCap, null, d);
    }

    /** Whether opening a reply needs a NIKE agreement (run it on the crypto executor). */
    boolean needsKeyAgreement() {
        return replyKeys == null;
    }

    /**
     * Opens the MKEM reply of intermediate {@code slot}. Resumed envelopes try the slot's replica key
     * first and then the other one (as the reference tries both replica numbers); replica keys come
     * from the descriptor's katzen4j field, else from {@code directory} for the replica epoch of the
     * descriptor's PKI epoch (the reference's lookup).
     */
    byte[] open(Mkem mkem, int slot, byte[] reply, Optional<ReplicaDirectory> directory,
            java.time.Duration pkiEpochPeriod) throws PigeonholeException {
        if (replyKeys != null) {
            return Mkem.openReply(replyKeys[slot], reply);
        }
        byte[][] pubs = descriptor.replicaPublicKeys();
        if (pubs == null) {
            pubs = new byte[2][];
            long replicaEpoch = ReplicaEpochs.fromPkiEpoch(descriptor.epoch(), pkiEpochPeriod);
            int[] nums = {descriptor.replica0(), descriptor.replica1()};
            for (int i = 0; i < 2; i++) {
                final int n = nums[i];
                pubs[i] = directory.flatMap(d -> d.envelopeKey(n, replicaEpoch)).orElse(null);
            }
        }
        byte[] eph = descriptor.envelopeKey();
        try {
            PigeonholeException last = null;
            for (int i : new int[] {slot, slot ^ 1}) {
                if (pubs[i] == null) {
                    continue;
                }
                try {
                    return mkem.decryptEnvelope(eph, pubs[i], reply);
                } catch (PigeonholeException e) {
                    last = e;
                }
            }
            throw last != null ? last
                    : new PigeonholeException(PigeonholeException.Kind.REPLICAS_UNAVAILABLE,
                            "no envelope key for the descriptor's replicas");
        } finally {
            Arrays.fill(eph, (byte) 0);
        }
    }
}
