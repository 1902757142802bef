package org.katzen4j.wire.commands;

/**
 * One wire command on the client-to-gateway link. Layout of every command:
 *
 * <pre>
 *   0      1      2            6               6+cmdLen
 *   | id   | 0x00 | cmdLen BE32 | body (cmdLen) | zero padding ... |
 * </pre>
 *
 * {@link #encode(CommandGeometry)} produces the unpadded bytes (header and body); {@link CommandCodec}
 * adds the padding of the command's {@link #padding() class} and parses incoming bytes.
 */
public sealed interface WireCommand
        permits NoOp, Disconnect, SendPacket, SendRetrievePacket, SendRetrievePacketReply, RetrieveMessage, Message,
                MessageAck, MessageEmpty, GetConsensus, Consensus, GetConsensus2, Consensus2 {

    /** Command ID, reserved byte and body length. */
    int HEADER_LENGTH = 6;

    /** How the reference pads this command before sending. */
    enum Padding {
        /** Up to {@link CommandGeometry#maxClientToGateway()} (also NoOp and Disconnect sent by a gateway). */
        UPSTREAM,
        /** Up to {@link CommandGeometry#maxGatewayToClient()}; longer commands are sent as they are. */
        DOWNSTREAM,
        /** Never padded. */
        NONE
    }

    /** The command ID byte. */
    CommandId id();

    Padding padding();

    /** Header and body, without padding. */
    byte[] encode(CommandGeometry geometry);

    /** Builds the header for a body of {@code bodyLength} bytes into a fresh array of {@code 6 + bodyLength} bytes. */
    static byte[] withHeader(CommandId id, int bodyLength) {
        byte[] out = new byte[HEADER_LENGTH + bodyLength];
        out[0] = (byte) id.code();
        out[2] = (byte) (bodyLength >>> 24);
        out[3] = (byte) (bodyLength >>> 16);
        out[4] = (byte) (bodyLength >>> 8);
        out[5] = (byte) bodyLength;
        return out;
    }
}
