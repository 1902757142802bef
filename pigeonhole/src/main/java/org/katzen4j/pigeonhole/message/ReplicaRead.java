package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/** Trunnel {@code replica_read}: the 32-byte box ID to read. */
public record ReplicaRead(byte[] boxId) implements ReplicaInnerMessage {
    public ReplicaRead {
        boxId = Fields.fixed(boxId, Fields.BOX_ID_SIZE, "box_id");
    }

    @Override
    public byte[] boxId() {
        return boxId.clone();
    }

    @Override
    public int messageType() {
        return ReplicaInnerMessage.TYPE_READ;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.bytes(boxId);
    }

    static ReplicaRead read(ByteReader r) throws DecodeException {
        return new ReplicaRead(r.bytes(Fields.BOX_ID_SIZE, "box_id"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaRead x && Arrays.equals(boxId, x.boxId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boxId);
    }

    @Override
    public String toString() {
        return "ReplicaRead[]";
    }
}
