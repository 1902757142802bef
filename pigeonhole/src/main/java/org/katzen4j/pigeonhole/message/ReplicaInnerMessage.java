package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * The MKEM plaintext a client sends to a replica (trunnel {@code replica_inner_message}):
 * {@code message_type} (0 = read, 1 = write) then the member.
 */
public sealed interface ReplicaInnerMessage permits ReplicaRead, ReplicaWrite {
    int TYPE_READ = 0;
    int TYPE_WRITE = 1;

    int messageType();

    void encodeBody(ByteWriter w);

    default byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        w.u8(messageType());
        encodeBody(w);
        return w.toByteArray();
    }

    /** Strict decoding: trailing bytes are an error (the reference would ignore them). */
    static ReplicaInnerMessage decode(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        ReplicaInnerMessage m = switch (Fields.discriminator(r, "replica inner message type")) {
            case TYPE_READ -> ReplicaRead.read(r);
            default -> ReplicaWrite.read(r);
        };
        r.expectExhausted("replica inner message");
        return m;
    }
}
