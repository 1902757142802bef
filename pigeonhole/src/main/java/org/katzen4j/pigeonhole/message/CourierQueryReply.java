package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * What a courier sends back in a SURB reply (trunnel {@code courier_query_reply}): one byte
 * {@code reply_type} (0 = envelope reply, 1 = copy command reply) followed by the member.
 */
public sealed interface CourierQueryReply permits CourierEnvelopeReply, CopyCommandReply {
    int TYPE_ENVELOPE_REPLY = 0;
    int TYPE_COPY_COMMAND_REPLY = 1;

    int replyKind();

    void encodeBody(ByteWriter w);

    default byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        w.u8(replyKind());
        encodeBody(w);
        return w.toByteArray();
    }

    /** Strict decoding: trailing bytes are an error. */
    static CourierQueryReply decode(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        CourierQueryReply q = read(r);
        r.expectExhausted("courier query reply");
        return q;
    }

    /** Decoding as the reference client does: the zero padding after the message is ignored. */
    static CourierQueryReply decodePadded(byte[] b) throws DecodeException {
        return read(ByteReader.of(b));
    }

    private static CourierQueryReply read(ByteReader r) throws DecodeException {
        return switch (Fields.discriminator(r, "courier query reply type")) {
            case TYPE_ENVELOPE_REPLY -> CourierEnvelopeReply.read(r);
            default -> CopyCommandReply.read(r);
        };
    }
}
