package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * A forward message from our queue (gateway to client, command 17 type 0). Body:
 *
 * <pre>
 *   type=0 | queueSizeHint | sequence BE32 | payload[userForwardPayloadLength] | zeros[16 + 2 + SURB + tag]
 * </pre>
 *
 * The trailing zeros make all three Message-family bodies the same length.
 */
public record Message(int queueSizeHint, long sequence, byte[] payload) implements WireCommand {
    /** type, hint and sequence. */
    static final int BASE_LENGTH = 1 + 1 + 4;

    static final int TYPE_MESSAGE = 0;
    static final int TYPE_ACK = 1;
    static final int TYPE_EMPTY = 2;

    public Message {
        Bytes.checkU8(queueSizeHint, "queue size hint");
        Bytes.checkU32(sequence, "sequence");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public CommandId id() {
        return CommandId.MESSAGE;
    }

    @Override
    public Padding padding() {
        return Padding.DOWNSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        if (payload.length != geometry.userForwardPayloadLength()) {
            throw new IllegalArgumentException("Message payload is " + payload.length + " bytes, geometry says "
                    + geometry.userForwardPayloadLength());
        }
        byte[] out = WireCommand.withHeader(id(), geometry.messageBodyLength());
        out[HEADER_LENGTH] = TYPE_MESSAGE;
        out[HEADER_LENGTH + 1] = (byte) queueSizeHint;
        Bytes.putU32(out, HEADER_LENGTH + 2, sequence);
        System.arraycopy(payload, 0, out, HEADER_LENGTH + BASE_LENGTH, payload.length);
        return out;
    }

    /**
     * Parses a Message-family body (any of the three types). The codec checked nothing but the
     * header; this checks the exact length of the type's body and its zero bytes.
     */
    static WireCommand decodeFamily(ByteReader body, CommandGeometry g) throws DecodeException {
        int total = body.remaining();
        int type = body.u8("Message type");
        int hint = body.u8("Message queue size hint");
        long seq = body.u32("Message sequence");
        switch (type) {
            case TYPE_MESSAGE -> {
                expectLength("Message", total, g.messageBodyLength());
                byte[] payload = body.bytes(g.userForwardPayloadLength(), "Message payload");
                byte[] zeros = body.bytes(g.messagePaddingLength(), "Message padding");
                if (!Bytes.isZero(zeros, 0, zeros.length)) {
                    throw new DecodeException("Message: non-zero bytes after the payload");
                }
                body.expectExhausted("Message");
                return new Message(hint, seq, payload);
            }
            case TYPE_ACK -> {
                expectLength("MessageACK", total, g.ackBodyLength());
                byte[] id = body.bytes(MessageAck.SURB_ID_LENGTH, "MessageACK SURB ID");
                byte[] payload = body.bytes(g.ackPayloadLength(), "MessageACK payload");
                body.expectExhausted("MessageACK");
                return new MessageAck(hint, seq, id, payload);
            }
            case TYPE_EMPTY -> {
                expectLength("MessageEmpty", total, g.ackBodyLength());
                byte[] zeros = body.rest();
                if (!Bytes.isZero(zeros, 0, zeros.length)) {
                    throw new DecodeException("MessageEmpty: non-zero body");
                }
                // The reference ignores the hint byte of MessageEmpty (and always sends 0).
                return new MessageEmpty(seq);
            }
            default -> throw new DecodeException("Message: unknown type " + type);
        }
    }

    private static void expectLength(String what, int got, int want) throws DecodeException {
        if (got != want) {
            throw new DecodeException(what + ": body is " + got + " bytes, geometry says " + want);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message other && queueSizeHint == other.queueSizeHint && sequence == other.sequence
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return (31 * queueSizeHint + Long.hashCode(sequence)) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Message[hint=" + queueSizeHint + ", sequence=" + sequence + ", payload=" + payload.length + " bytes]";
    }
}
