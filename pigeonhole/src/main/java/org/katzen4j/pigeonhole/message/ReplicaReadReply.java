package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * Trunnel {@code replica_read_reply}: {@code error_code} u8 || {@code box_id}[32] ||
 * {@code signature}[64] || {@code payload_len} u32 || {@code payload}.
 */
public record ReplicaReadReply(int errorCode, byte[] boxId, byte[] signature, byte[] payload)
        implements ReplicaMessageReplyInnerMessage {
    public ReplicaReadReply {
        Fields.u8(errorCode, "error_code");
        boxId = Fields.fixed(boxId, Fields.BOX_ID_SIZE, "box_id");
        signature = Fields.fixed(signature, Fields.SIGNATURE_SIZE, "signature");
        payload = Fields.bounded(payload, 0xffffffffL, "payload");
    }

    @Override
    public byte[] boxId() {
        return boxId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** True when the signature field is all zeros (the replica's "no data" form). */
    public boolean hasZeroSignature() {
        int acc = 0;
        for (byte b : signature) {
            acc |= b;
        }
        return acc == 0;
    }

    @Override
    public int messageType() {
        return ReplicaMessageReplyInnerMessage.TYPE_READ_REPLY;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(errorCode).bytes(boxId).bytes(signature).u32(payload.length).bytes(payload);
    }

    static ReplicaReadReply read(ByteReader r) throws DecodeException {
        int ec = r.u8("error_code");
        byte[] box = r.bytes(Fields.BOX_ID_SIZE, "box_id");
        byte[] sig = r.bytes(Fields.SIGNATURE_SIZE, "signature");
        return new ReplicaReadReply(ec, box, sig, Fields.u32Bytes(r, "payload"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaReadReply x && Arrays.equals(toBytes(), x.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boxId) * 31 + errorCode;
    }

    @Override
    public String toString() {
        return "ReplicaReadReply[error=" + errorCode + ", payload=" + payload.length + "B]";
    }
}
