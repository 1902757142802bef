package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/** Sends a Sphinx packet into the mixnet (client to gateway). Body: the Sphinx packet, exactly {@code packetLength} bytes. */
public record SendPacket(byte[] packet) implements WireCommand {
    public SendPacket {
        packet = packet.clone();
    }

    @Override
    public byte[] packet() {
        return packet.clone();
    }

    @Override
    public CommandId id() {
        return CommandId.SEND_PACKET;
    }

    @Override
    public Padding padding() {
        return Padding.UPSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        if (packet.length != geometry.packetLength()) {
            throw new IllegalArgumentException("SendPacket: packet is " + packet.length + " bytes, geometry says "
                    + geometry.packetLength());
        }
        byte[] out = WireCommand.withHeader(id(), packet.length);
        System.arraycopy(packet, 0, out, HEADER_LENGTH, packet.length);
        return out;
    }

    /** Parses a body whose length the codec already checked. */
    static SendPacket decodeBody(ByteReader body) throws DecodeException {
        SendPacket c = new SendPacket(body.rest());
        body.expectExhausted("SendPacket");
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendPacket other && Arrays.equals(packet, other.packet);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "SendPacket[packet=" + packet.length + " bytes]";
    }
}
