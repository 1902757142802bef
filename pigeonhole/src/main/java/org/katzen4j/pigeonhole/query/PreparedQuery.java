package org.katzen4j.pigeonhole.query;

import java.util.Arrays;

import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.message.CourierEnvelope;

/**
 * A prepared, not yet sent, courier query and everything needed to read its replies: the envelope
 * (whose {@link CourierEnvelope#toBytes()} is the {@code send_message_payload}), the index whose box it
 * writes or reads, the two intermediate replica numbers with their envelope public keys, the MKEM
 * ephemeral private key (the reference's {@code EnvelopeKey}) and the two reply keys S_0, S_1 (which
 * open replies without a key agreement). {@link #close()} wipes the secrets.
 */
public final class PreparedQuery implements AutoCloseable {
    /** What the query asks the replica to do. */
    public enum Kind { WRITE, READ }

    private final Kind kind;
    private final CourierEnvelope envelope;
    private final MessageBoxIndex target;
    private final byte[][] replicaPublicKeys;
    private final byte[] ephemeralPrivateKey;
    private final byte[][] replyKeys;

    PreparedQuery(Kind kind, CourierEnvelope envelope, MessageBoxIndex target, byte[][] replicaPublicKeys,
            byte[] ephemeralPrivateKey, byte[][] replyKeys) {
        this.kind = kind;
        this.envelope = envelope;
        this.target = target;
        this.replicaPublicKeys = new byte[][] {replicaPublicKeys[0].clone(), replicaPublicKeys[1].clone()};
        this.ephemeralPrivateKey = ephemeralPrivateKey.clone();
        this.replyKeys = new byte[][] {replyKeys[0].clone(), replyKeys[1].clone()};
    }

    public Kind kind() {
        return kind;
    }

    public CourierEnvelope envelope() {
        return envelope;
    }

    /** The CourierQuery bytes to hand to the application / send to the courier. */
    public byte[] courierQuery() {
        return envelope.toBytes();
    }

    public byte[] envelopeHash() {
        return envelope.envelopeHash();
    }

    /** The index whose box this query writes or reads. */
    public MessageBoxIndex target() {
        return target;
    }

    public int[] replicaNumbers() {
        return new int[] {envelope.replica0(), envelope.replica1()};
    }

    public byte[] replicaPublicKey(int slot) {
        return replicaPublicKeys[slot].clone();
    }

    public byte[] ephemeralPrivateKey() {
        return ephemeralPrivateKey.clone();
    }

    /** S_slot: the key that opens the reply of intermediate slot 0 or 1. */
    public byte[] replyKey(int slot) {
        return replyKeys[slot].clone();
    }

    @Override
    public void close() {
        Arrays.fill(ephemeralPrivateKey, (byte) 0);
        Arrays.fill(replyKeys[0], (byte) 0);
        Arrays.fill(replyKeys[1], (byte) 0);
    }

    @Override
    public String toString() {
        return "PreparedQuery[" + kind + ", " + target + ", " + envelope + "]";
    }
}
