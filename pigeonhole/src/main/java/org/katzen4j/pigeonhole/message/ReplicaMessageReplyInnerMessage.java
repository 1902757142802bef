package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * The MKEM reply plaintext from a replica (trunnel {@code replica_message_reply_inner_message}):
 * {@code message_type} (0 = read reply, 1 = write reply) then the member.
 */
public sealed interface ReplicaMessageReplyInnerMessage permits ReplicaReadReply, ReplicaWriteReply {
    int TYPE_READ_REPLY = 0;
    int TYPE_WRITE_REPLY = 1;

    /** Replica error codes of the reference (pigeonhole/errors.go). */
    int SUCCESS = 0;
    int BOX_NOT_FOUND = 1;
    int INVALID_BOX_ID = 2;
    int INVALID_SIGNATURE = 3;
    int DATABASE_FAILURE = 4;
    int INVALID_PAYLOAD = 5;
    int STORAGE_FULL = 6;
    int INTERNAL_ERROR = 7;
    int INVALID_EPOCH = 8;
    int REPLICATION_FAILED = 9;

    int messageType();

    void encodeBody(ByteWriter w);

    default byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        w.u8(messageType());
        encodeBody(w);
        return w.toByteArray();
    }

    /**
     * Strict decoding. The single byte {@code 00} that the v0.0.71 replica sends for writes does not
     * decode (a read reply needs 101 more bytes).
     */
    static ReplicaMessageReplyInnerMessage decode(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        ReplicaMessageReplyInnerMessage m = switch (Fields.discriminator(r, "replica reply message type")) {
            case TYPE_READ_REPLY -> ReplicaReadReply.read(r);
            default -> ReplicaWriteReply.read(r);
        };
        r.expectExhausted("replica reply inner message");
        return m;
    }
}
