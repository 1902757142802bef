package org.katzen4j.pigeonhole.message;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * What a client sends to a courier (trunnel {@code courier_query}): a one-byte {@code query_type}
 * (0 = envelope, 1 = copy command) followed directly by the member. This is the
 * {@code send_message_payload} of the channel API.
 */
public sealed interface CourierQuery permits CourierEnvelope, CopyCommand {
    int TYPE_ENVELOPE = 0;
    int TYPE_COPY_COMMAND = 1;

    int queryType();

    /** Writes the member without the discriminator. */
    void encodeBody(ByteWriter w);

    /** Discriminator followed by the member. */
    default byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        w.u8(queryType());
        encodeBody(w);
        return w.toByteArray();
    }

    /** Strict decoding: trailing bytes are an error. */
    static CourierQuery decode(byte[] b) throws DecodeException {
        ByteReader r = ByteReader.of(b);
        CourierQuery q = read(r);
        r.expectExhausted("courier query");
        return q;
    }

    /**
     * Decoding as the reference courier does it: bytes after the message (the zero padding up to the
     * Sphinx payload size) are ignored.
     */
    static CourierQuery decodePadded(byte[] b) throws DecodeException {
        return read(ByteReader.of(b));
    }

    private static CourierQuery read(ByteReader r) throws DecodeException {
        return switch (Fields.discriminator(r, "courier query type")) {
            case TYPE_ENVELOPE -> CourierEnvelope.read(r);
            default -> CopyCommand.read(r);
        };
    }
}
