package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * The courier's answer to an envelope (trunnel {@code courier_envelope_reply}):
 * <pre>
 *  0  32  envelope_hash
 * 32   1  reply_index   the intermediate slot whose reply is carried
 * 33   1  reply_type    0 = ACK, 1 = PAYLOAD (other values do not parse)
 * 34   4  payload_len   u32
 * 38   p  payload       the replica's MKEM reply, or empty
 * 38+p 1  error_code    courier envelope error
 * </pre>
 */
public record CourierEnvelopeReply(byte[] envelopeHash, int replyIndex, int replyType, byte[] payload, int errorCode)
        implements CourierQueryReply {
    public static final int REPLY_TYPE_ACK = 0;
    public static final int REPLY_TYPE_PAYLOAD = 1;
    /** Courier envelope error codes of the reference courier. */
    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_INVALID_ENVELOPE = 1;
    public static final int ERROR_CACHE_CORRUPTION = 2;
    public static final int ERROR_PROPAGATION = 3;

    public CourierEnvelopeReply {
        envelopeHash = Fields.fixed(envelopeHash, Fields.HASH_SIZE, "envelope_hash");
        Fields.u8(replyIndex, "reply_index");
        if (replyType != REPLY_TYPE_ACK && replyType != REPLY_TYPE_PAYLOAD) {
            throw new IllegalArgumentException("reply_type must be 0 or 1");
        }
        payload = Fields.bounded(payload, 0xffffffffL, "payload");
        Fields.u8(errorCode, "error_code");
    }

    @Override
    public byte[] envelopeHash() {
        return envelopeHash.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean isAck() {
        return replyType == REPLY_TYPE_ACK;
    }

    @Override
    public int replyKind() {
        return CourierQueryReply.TYPE_ENVELOPE_REPLY;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.bytes(envelopeHash).u8(replyIndex).u8(replyType).u32(payload.length).bytes(payload).u8(errorCode);
    }

    static CourierEnvelopeReply read(ByteReader r) throws DecodeException {
        byte[] h = r.bytes(Fields.HASH_SIZE, "envelope_hash");
        int ri = r.u8("reply_index");
        int rt = Fields.discriminator(r, "reply_type");
        byte[] p = Fields.u32Bytes(r, "payload");
        int ec = r.u8("error_code");
        return new CourierEnvelopeReply(h, ri, rt, p, ec);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CourierEnvelopeReply c && Arrays.equals(toBytes(), c.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "CourierEnvelopeReply[replyIndex=" + replyIndex + ", type=" + (isAck() ? "ACK" : "PAYLOAD") + ", payload="
                + payload.length + "B, error=" + errorCode + "]";
    }
}
