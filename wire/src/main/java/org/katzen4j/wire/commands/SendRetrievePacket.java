package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/** Sends a Sphinx packet and asks for a queued message in the same round trip (client to gateway; kpclientd does not use it). Body: the Sphinx packet, exactly {@code packetLength} bytes. */
public record SendRetrievePacket(byte[] packet) implements WireCommand {
    public SendRetrievePacket {
        packet = packet.clone();
    }

    @Override
    public byte[] packet() {
        return packet.clone();
    }

    @Override
    public CommandId id() {
        return CommandId.SEND_RETRIEVE_PACKET;
    }

    @Override
    public Padding padding() {
        return Padding.UPSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        if (packet.length != geometry.packetLength()) {
            throw new IllegalArgumentException("SendRetrievePacket: packet is " + packet.length + " bytes, geometry says "
                    + geometry.packetLength());
        }
        byte[] out = WireCommand.withHeader(id(), packet.length);
        System.arraycopy(packet, 0, out, HEADER_LENGTH, packet.length);
        return out;
    }

    /** Parses a body whose length the codec already checked. */
    static SendRetrievePacket decodeBody(ByteReader body) throws DecodeException {
        SendRetrievePacket c = new SendRetrievePacket(body.rest());
        body.expectExhausted("SendRetrievePacket");
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendRetrievePacket other && Arrays.equals(packet, other.packet);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "SendRetrievePacket[packet=" + packet.length + " bytes]";
    }
}
