package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * The client's MKEM envelope for the courier (trunnel {@code courier_envelope}):
 * <pre>
 *   0    2  intermediate_replicas  u8[2] replica numbers (indexes into the PKI's storage replicas)
 *   2   60  dek1                   MKEM DEK for intermediate_replicas[0]
 *  62   60  dek2                   MKEM DEK for intermediate_replicas[1]
 * 122    1  reply_index            which intermediate's reply the courier returns
 * 123    8  epoch                  u64
 * 131    2  sender_pubkey_len      u16
 * 133    n  sender_pubkey          MKEM ephemeral public key
 * 133+n  4  ciphertext_len         u32
 * 137+n  m  ciphertext             MKEM envelope (nonce || AEAD ciphertext || tag)
 * </pre>
 */
public record CourierEnvelope(int replica0, int replica1, byte[] dek1, byte[] dek2, int replyIndex, long epoch,
        byte[] senderPubkey, byte[] ciphertext) implements CourierQuery {
    /** Bytes before the sender key and after it (both length fields included): 133 + 4. */
    public static final int FIXED_OVERHEAD = 137;
    public static final int DEK_SIZE = Fields.DEK_SIZE;

    public CourierEnvelope {
        Fields.u8(replica0, "intermediate replica 0");
        Fields.u8(replica1, "intermediate replica 1");
        Fields.u8(replyIndex, "reply_index");
        dek1 = Fields.fixed(dek1, DEK_SIZE, "dek1");
        dek2 = Fields.fixed(dek2, DEK_SIZE, "dek2");
        senderPubkey = Fields.bounded(senderPubkey, 0xffff, "sender_pubkey");
        ciphertext = Fields.bounded(ciphertext, 0xffffffffL, "ciphertext");
    }

    @Override
    public int queryType() {
        return CourierQuery.TYPE_ENVELOPE;
    }

    @Override
    public byte[] dek1() {
        return dek1.clone();
    }

    @Override
    public byte[] dek2() {
        return dek2.clone();
    }

    @Override
    public byte[] senderPubkey() {
        return senderPubkey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The DEK addressed to intermediate slot 0 or 1. */
    public byte[] dek(int slot) {
        return switch (slot) {
            case 0 -> dek1();
            case 1 -> dek2();
            default -> throw new IllegalArgumentException("slot must be 0 or 1");
        };
    }

    /** This envelope with another reply_index (same envelope hash). */
    public CourierEnvelope withReplyIndex(int newReplyIndex) {
        return new CourierEnvelope(replica0, replica1, dek1, dek2, newReplyIndex, epoch, senderPubkey, ciphertext);
    }

    /**
     * BLAKE2b-256(sender_pubkey || ciphertext): the courier's cache key and the reply tag. It covers
     * neither the replica numbers, the DEKs, reply_index nor the epoch.
     */
    public byte[] envelopeHash() {
        return envelopeHash(senderPubkey, ciphertext);
    }

    public static byte[] envelopeHash(byte[] senderPubkey, byte[] ciphertext) {
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(senderPubkey, 0, senderPubkey.length);
        d.update(ciphertext, 0, ciphertext.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    public int encodedLength() {
        return FIXED_OVERHEAD + senderPubkey.length + ciphertext.length;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(replica0).u8(replica1).bytes(dek1).bytes(dek2).u8(replyIndex).u64(epoch)
                .u16(senderPubkey.length).bytes(senderPubkey).u32(ciphertext.length).bytes(ciphertext);
    }

    /** The envelope alone (without the CourierQuery discriminator). */
    public byte[] encodeEnvelope() {
        ByteWriter w = new ByteWriter(encodedLength());
        encodeBody(w);
        return w.toByteArray();
    }

    static CourierEnvelope read(ByteReader r) throws DecodeException {
        int r0 = r.u8("intermediate replica 0");
        int r1 = r.u8("intermediate replica 1");
        byte[] d1 = r.bytes(DEK_SIZE, "dek1");
        byte[] d2 = r.bytes(DEK_SIZE, "dek2");
        int ri = r.u8("reply_index");
        long epoch = r.u64("epoch");
        byte[] pk = Fields.u16Bytes(r, "sender_pubkey");
        byte[] ct = Fields.u32Bytes(r, "ciphertext");
        return new CourierEnvelope(r0, r1, d1, d2, ri, epoch, pk, ct);
    }

    /** Decodes an envelope alone; trailing bytes are an error. */
    public static CourierEnvelope decodeEnvelope(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        CourierEnvelope e = read(r);
        r.expectExhausted("courier envelope");
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CourierEnvelope e && Arrays.equals(encodeEnvelope(), e.encodeEnvelope());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(envelopeHash());
    }

    @Override
    public String toString() {
        return "CourierEnvelope[replicas=" + replica0 + "," + replica1 + ", replyIndex=" + replyIndex + ", epoch="
                + Long.toUnsignedString(epoch) + ", pubkey=" + senderPubkey.length + "B, ciphertext=" + ciphertext.length + "B]";
    }
}
