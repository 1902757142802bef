package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/** Trunnel {@code copy_command_reply}: one {@code error_code} byte. */
public record CopyCommandReply(int errorCode) implements CourierQueryReply {
    public CopyCommandReply {
        Fields.u8(errorCode, "error_code");
    }

    @Override
    public int replyKind() {
        return CourierQueryReply.TYPE_COPY_COMMAND_REPLY;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(errorCode);
    }

    static CopyCommandReply read(ByteReader r) throws DecodeException {
        return new CopyCommandReply(r.u8("error_code"));
    }
}
