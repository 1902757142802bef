package org.katzen4j.pigeonhole.query;

import java.util.Arrays;
import java.util.List;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.codec.cbor.CborWriter;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.PigeonholeException;

/**
 * The {@code envelope_descriptor} handed to applications with every prepared query: what is needed to
 * decrypt the replica's reply after a restart. The reference encodes a CBOR map (default encoding) with
 * its Go field names {@code Epoch} (PKI epoch), {@code ReplicaNums} (2-byte string) and
 * {@code EnvelopeKey} (the MKEM ephemeral private key), in that order, and ignores unknown keys when
 * decoding. katzen4j may add {@code K4JTargetIndex} (the 104-byte index the query targets) and
 * {@code K4JReplicaKeys} (the two replicas' envelope public keys), so that replies stay decryptable
 * across PKI document changes; descriptors without them (from the Go daemon) still decode.
 */
public record EnvelopeDescriptor(long epoch, int replica0, int replica1, byte[] envelopeKey, byte[] targetIndex,
        byte[][] replicaPublicKeys) {
    static final String EPOCH = "Epoch";
    static final String REPLICA_NUMS = "ReplicaNums";
    static final String ENVELOPE_KEY = "EnvelopeKey";
    static final String TARGET_INDEX = "K4JTargetIndex";
    static final String REPLICA_KEYS = "K4JReplicaKeys";

    public EnvelopeDescriptor {
        if (replica0 < 0 || replica0 > 255 || replica1 < 0 || replica1 > 255) {
            throw new IllegalArgumentException("replica numbers are bytes");
        }
        envelopeKey = envelopeKey.clone();
        if (targetIndex != null && targetIndex.length != MessageBoxIndex.SIZE) {
            throw new IllegalArgumentException("target index must be " + MessageBoxIndex.SIZE + " bytes");
        }
        targetIndex = targetIndex == null ? null : targetIndex.clone();
        if (replicaPublicKeys != null && replicaPublicKeys.length != 2) {
            throw new IllegalArgumentException("two replica keys");
        }
        replicaPublicKeys = replicaPublicKeys == null ? null
                : new byte[][] {replicaPublicKeys[0].clone(), replicaPublicKeys[1].clone()};
    }

    /** The descriptor of a prepared query, with the katzen4j extras. */
    public static EnvelopeDescriptor of(PreparedQuery q) {
        return new EnvelopeDescriptor(q.envelope().epoch(), q.envelope().replica0(), q.envelope().replica1(),
                q.ephemeralPrivateKey(), q.target().toBytes(), new byte[][] {q.replicaPublicKey(0), q.replicaPublicKey(1)});
    }

    /** As the reference writes it (only the three Go fields). */
    public static EnvelopeDescriptor referenceOnly(long epoch, int replica0, int replica1, byte[] envelopeKey) {
        return new EnvelopeDescriptor(epoch, replica0, replica1, envelopeKey, null, null);
    }

    @Override
    public byte[] envelopeKey() {
        return envelopeKey.clone();
    }

    @Override
    public byte[] targetIndex() {
        return targetIndex == null ? null : targetIndex.clone();
    }

    @Override
    public byte[][] replicaPublicKeys() {
        return replicaPublicKeys == null ? null : new byte[][] {replicaPublicKeys[0].clone(), replicaPublicKeys[1].clone()};
    }

    /** The target index, if this descriptor carries one. */
    public MessageBoxIndex target() throws PigeonholeException {
        return targetIndex == null ? null : MessageBoxIndex.fromBytes(targetIndex);
    }

    public byte[] encode() {
        int n = 3 + (targetIndex != null ? 1 : 0) + (replicaPublicKeys != null ? 1 : 0);
        CborWriter w = new CborWriter();
        w.startMap(n);
        w.key(EPOCH).uint(epoch);
        w.key(REPLICA_NUMS).bytes(new byte[] {(byte) replica0, (byte) replica1});
        w.key(ENVELOPE_KEY).bytes(envelopeKey);
        if (targetIndex != null) {
            w.key(TARGET_INDEX).bytes(targetIndex);
        }
        if (replicaPublicKeys != null) {
            w.key(REPLICA_KEYS).startArray(2).bytes(replicaPublicKeys[0]).bytes(replicaPublicKeys[1]);
        }
        return w.toByteArray();
    }

    /**
     * Decodes a descriptor from the reference or from katzen4j. {@code ReplicaNums} may be a 2-byte string
     * or a 2-element array (both accepted by Go); unknown keys are ignored; the three Go fields are
     * required.
     */
    public static EnvelopeDescriptor decode(byte[] blob) throws DecodeException {
        CborValue v = CborReader.decode(blob);
        if (!(v instanceof CborMap m)) {
            throw new DecodeException("envelope descriptor: expected a map, got " + v.typeName());
        }
        CborValue e = m.require(EPOCH);
        if (!(e instanceof CborValue.UInt epochValue)) {
            throw new DecodeException("Epoch: expected an unsigned integer, got " + e.typeName());
        }
        long epoch = epochValue.bits();
        CborValue nums = m.require(REPLICA_NUMS);
        int r0;
        int r1;
        if (nums instanceof CborValue.Array a) {
            List<CborValue> items = a.items();
            if (items.size() != 2) {
                throw new DecodeException("ReplicaNums: expected 2 elements");
            }
            r0 = (int) items.get(0).asUnsigned("ReplicaNums[0]", 255);
            r1 = (int) items.get(1).asUnsigned("ReplicaNums[1]", 255);
        } else {
            byte[] b = nums.asBytes("ReplicaNums", 2);
            r0 = b[0] & 0xff;
            r1 = b[1] & 0xff;
        }
        byte[] key = m.require(ENVELOPE_KEY).asBytes("EnvelopeKey");
        byte[] target = null;
        CborValue t = m.get(TARGET_INDEX);
        if (t != null && !t.isNull()) {
            target = t.asBytes(TARGET_INDEX, MessageBoxIndex.SIZE);
        }
        byte[][] keys = null;
        CborValue k = m.get(REPLICA_KEYS);
        if (k != null && !k.isNull()) {
            if (!(k instanceof CborValue.Array a) || a.items().size() != 2) {
                throw new DecodeException(REPLICA_KEYS + ": expected 2 byte strings");
            }
            keys = new byte[][] {a.items().get(0).asBytes(REPLICA_KEYS), a.items().get(1).asBytes(REPLICA_KEYS)};
        }
        return new EnvelopeDescriptor(epoch, r0, r1, key, target, keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeDescriptor d && Arrays.equals(encode(), d.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "EnvelopeDescriptor[epoch=" + Long.toUnsignedString(epoch) + ", replicas=" + replica0 + "," + replica1 + "]";
    }
}
