package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * Trunnel {@code replica_write}: {@code box_id}[32] || {@code signature}[64] || {@code payload_len}
 * u32 || {@code payload} (the BACAP ciphertext).
 */
public record ReplicaWrite(byte[] boxId, byte[] signature, byte[] payload) implements ReplicaInnerMessage {
    /** Bytes besides the payload. */
    public static final int FIXED_OVERHEAD = 32 + 64 + 4;

    public ReplicaWrite {
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

    @Override
    public int messageType() {
        return ReplicaInnerMessage.TYPE_WRITE;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.bytes(boxId).bytes(signature).u32(payload.length).bytes(payload);
    }

    static ReplicaWrite read(ByteReader r) throws DecodeException {
        byte[] box = r.bytes(Fields.BOX_ID_SIZE, "box_id");
        byte[] sig = r.bytes(Fields.SIGNATURE_SIZE, "signature");
        return new ReplicaWrite(box, sig, Fields.u32Bytes(r, "payload"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaWrite x && Arrays.equals(toBytes(), x.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boxId);
    }

    @Override
    public String toString() {
        return "ReplicaWrite[payload=" + payload.length + "B]";
    }
}
