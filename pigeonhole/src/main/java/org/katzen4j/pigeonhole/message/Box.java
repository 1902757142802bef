package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * A replica's stored box (trunnel {@code box}): {@code box_id}[32] || {@code payload_len} u32 ||
 * {@code payload} || {@code signature}[64] (signature last, unlike {@link ReplicaWrite}).
 */
public record Box(byte[] boxId, byte[] payload, byte[] signature) {
    public Box {
        boxId = Fields.fixed(boxId, Fields.BOX_ID_SIZE, "box_id");
        payload = Fields.bounded(payload, 0xffffffffL, "payload");
        signature = Fields.fixed(signature, Fields.SIGNATURE_SIZE, "signature");
    }

    @Override
    public byte[] boxId() {
        return boxId.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public byte[] toBytes() {
        return new ByteWriter(100 + payload.length).bytes(boxId).u32(payload.length).bytes(payload).bytes(signature)
                .toByteArray();
    }

    public static Box decode(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        byte[] box = r.bytes(Fields.BOX_ID_SIZE, "box_id");
        byte[] p = Fields.u32Bytes(r, "payload");
        byte[] sig = r.bytes(Fields.SIGNATURE_SIZE, "signature");
        r.expectExhausted("box");
        return new Box(box, p, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box x && Arrays.equals(toBytes(), x.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boxId);
    }

    @Override
    public String toString() {
        return "Box[payload=" + payload.length + "B]";
    }
}
