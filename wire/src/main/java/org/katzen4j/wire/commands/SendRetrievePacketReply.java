package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * The gateway's answer to {@link SendRetrievePacket}: {@code SURBID[16] || payload}. Padded
 * downstream. kpclientd never sends SendRetrievePacket, so a client treats this as unexpected; the
 * class exists so the whole client-link command set round-trips.
 */
public record SendRetrievePacketReply(byte[] surbId, byte[] payload) implements WireCommand {
    public SendRetrievePacketReply {
        if (surbId.length != MessageAck.SURB_ID_LENGTH) {
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
        return CommandId.SEND_RETRIEVE_PACKET_REPLY;
    }

    @Override
    public Padding padding() {
        return Padding.DOWNSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), surbId.length + payload.length);
        System.arraycopy(surbId, 0, out, HEADER_LENGTH, surbId.length);
        System.arraycopy(payload, 0, out, HEADER_LENGTH + surbId.length, payload.length);
        return out;
    }

    static SendRetrievePacketReply decodeBody(ByteReader body) throws DecodeException {
        byte[] id = body.bytes(MessageAck.SURB_ID_LENGTH, "SendRetrievePacketReply SURB ID");
        return new SendRetrievePacketReply(id, body.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendRetrievePacketReply other && Arrays.equals(surbId, other.surbId)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(surbId) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SendRetrievePacketReply[surbId=" + Bytes.shortHex(surbId) + ", payload=" + payload.length + " bytes]";
    }
}
