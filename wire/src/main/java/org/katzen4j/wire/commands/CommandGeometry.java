package org.katzen4j.wire.commands;

/**
 * The Sphinx geometry lengths the wire commands depend on. Command bodies and the fixed padded
 * sizes of each direction derive from these values only, so every command of a direction has the
 * same length on the wire.
 *
 * <p>Padded sizes (the reference's {@code NewMixnetCommands}): client to gateway
 * {@code 6 + packetLength} (SendPacket is the largest), gateway to client
 * {@code 6 + 1 + 4 + 16 + packetLength} (the nominal length of MessageACK).
 */
public record CommandGeometry(
        int packetLength,
        int userForwardPayloadLength,
        int forwardPayloadLength,
        int payloadTagLength,
        int surbLength,
        int sphinxPlaintextHeaderLength) {

    public CommandGeometry {
        if (packetLength <= 0 || userForwardPayloadLength < 0 || forwardPayloadLength < 0 || payloadTagLength < 0
                || surbLength < 0 || sphinxPlaintextHeaderLength < 0) {
            throw new IllegalArgumentException("geometry lengths must be non-negative and packetLength positive");
        }
        if ((long) packetLength + 64 > Integer.MAX_VALUE || (long) payloadTagLength + forwardPayloadLength + 64 > Integer.MAX_VALUE
                || (long) userForwardPayloadLength + surbLength + payloadTagLength + sphinxPlaintextHeaderLength + 64
                        > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("geometry lengths too large");
        }
    }

    /** The lengths the commands use, from a full Sphinx geometry (configuration or PKI document). */
    public static CommandGeometry of(org.katzen4j.sphinx.geo.Geometry g) {
        return new CommandGeometry(g.packetLength(), g.userForwardPayloadLength(), g.forwardPayloadLength(),
                g.payloadTagLength(), g.surbLength(), g.sphinxPlaintextHeaderLength());
    }

    /** Fixed size of every command a client sends, and of NoOp/Disconnect in both directions. */
    public int maxClientToGateway() {
        return WireCommand.HEADER_LENGTH + packetLength;
    }

    /** Fixed size of every padded command a gateway sends (Message, MessageACK, MessageEmpty, short Consensus2 chunks). */
    public int maxGatewayToClient() {
        int message = WireCommand.HEADER_LENGTH + 1 + 4 + packetLength;
        int ack = WireCommand.HEADER_LENGTH + 1 + 4 + MessageAck.SURB_ID_LENGTH + packetLength;
        int empty = WireCommand.HEADER_LENGTH + 4 + packetLength;
        int retrieveReply = WireCommand.HEADER_LENGTH + MessageAck.SURB_ID_LENGTH + userForwardPayloadLength;
        return Math.max(Math.max(message, ack), Math.max(empty, retrieveReply));
    }

    /** Body length of each of the three Message-family commands (type, hint, sequence and the rest). */
    int messageBodyLength() {
        return Message.BASE_LENGTH + userForwardPayloadLength + messagePaddingLength();
    }

    /** Zero bytes after a Message's user payload. */
    int messagePaddingLength() {
        return MessageAck.SURB_ID_LENGTH + sphinxPlaintextHeaderLength + surbLength + payloadTagLength;
    }

    int ackPayloadLength() {
        return payloadTagLength + forwardPayloadLength;
    }

    int ackBodyLength() {
        return Message.BASE_LENGTH + MessageAck.SURB_ID_LENGTH + ackPayloadLength();
    }
}
