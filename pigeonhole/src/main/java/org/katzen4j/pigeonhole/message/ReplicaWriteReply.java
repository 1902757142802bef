package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * Trunnel {@code replica_write_reply}: one {@code error_code} byte. Note: the v0.0.71 replica never
 * produces a decodable one (it sends the single byte {@code 00}).
 */
public record ReplicaWriteReply(int errorCode) implements ReplicaMessageReplyInnerMessage {
    public ReplicaWriteReply {
        Fields.u8(errorCode, "error_code");
    }

    @Override
    public int messageType() {
        return ReplicaMessageReplyInnerMessage.TYPE_WRITE_REPLY;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(errorCode);
    }

    static ReplicaWriteReply read(ByteReader r) throws DecodeException {
        return new ReplicaWriteReply(r.u8("error_code"));
    }
}
