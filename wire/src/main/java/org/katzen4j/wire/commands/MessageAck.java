package org.katzen4j.wire.commands;

import java.util.Arrays;

/**
 * A SURB reply from our queue (gateway to client, command 17 type 1). Body:
 *
 * <pre>
 *   type=1 | queueSizeHint | sequence BE32 | SURB ID[16] | payload[payloadTagLength + forwardPayloadLength]
 * </pre>
 *
 * The payload is still encrypted for the SURB's keys.
 */
public record MessageAck(int queueSizeHint, long sequence, byte[] surbId, byte[] payload) implements WireCommand {
    public static final int SURB_ID_LENGTH = 16;

    public MessageAck {
        Bytes.checkU8(queueSizeHint, "queue size hint");
        Bytes.checkU32(sequence, "sequence");
        if (surbId.length != SURB_ID_LENGTH) {
            throw new IllegalArgumentException("SURB ID must be 16 bytes");
        }
        surbId = surbId.clone();
        payload = payload.clone();
    }

    @Override
    public byte[] surbId() {
        return surbId.clone();
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
        if (payload.length != geometry.ackPayloadLength()) {
            throw new IllegalArgumentException("MessageACK payload is " + payload.length + " bytes, geometry says "
                    + geometry.ackPayloadLength());
        }
        byte[] out = WireCommand.withHeader(id(), geometry.ackBodyLength());
        out[HEADER_LENGTH] = Message.TYPE_ACK;
        out[HEADER_LENGTH + 1] = (byte) queueSizeHint;
        Bytes.putU32(out, HEADER_LENGTH + 2, sequence);
        System.arraycopy(surbId, 0, out, HEADER_LENGTH + Message.BASE_LENGTH, SURB_ID_LENGTH);
        System.arraycopy(payload, 0, out, HEADER_LENGTH + Message.BASE_LENGTH + SURB_ID_LENGTH, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageAck other && queueSizeHint == other.queueSizeHint && sequence == other.sequence
                && Arrays.equals(surbId, other.surbId) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return ((31 * queueSizeHint + Long.hashCode(sequence)) * 31 + Arrays.hashCode(surbId)) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "MessageAck[hint=" + queueSizeHint + ", sequence=" + sequence + ", surbId=" + Bytes.shortHex(surbId)
                + ", payload=" + payload.length + " bytes]";
    }
}
