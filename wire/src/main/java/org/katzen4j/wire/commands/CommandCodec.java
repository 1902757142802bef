package org.katzen4j.wire.commands;

import java.util.Arrays;
import java.util.Objects;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.wire.CommandException;

/**
 * Encodes commands with the reference's padding and parses received ones, for one Sphinx geometry
 * (the reference's {@code NewMixnetCommands}).
 *
 * <p>Parsing checks, in this order: at least the 6-byte header; reserved byte zero; {@code cmdLen}
 * not beyond the data; every padding byte zero; the ID is a client-link command allowed in the
 * given direction; the body length is what that command needs (one switch, before any body is
 * read); then the command's own body parser.
 */
public final class CommandCodec {
    /** Who sent the bytes being parsed. */
    public enum Direction {
        /** Commands a client sends: NoOp, Disconnect, SendPacket, SendRetrievePacket, RetrieveMessage, GetConsensus, GetConsensus2. */
        CLIENT_TO_GATEWAY,
        /** Commands a gateway sends: NoOp, Disconnect, Message family, Consensus, Consensus2, SendRetrievePacketReply. */
        GATEWAY_TO_CLIENT
    }

    private final CommandGeometry geometry;
    private final boolean pad;

    private CommandCodec(CommandGeometry geometry, boolean pad) {
        this.geometry = Objects.requireNonNull(geometry);
        this.pad = pad;
    }

    /** The codec used on mixnet links: every command padded to its direction's fixed size. */
    public static CommandCodec padded(CommandGeometry geometry) {
        return new CommandCodec(geometry, true);
    }

    /** Encodes without padding (the reference's own test vectors are unpadded); parsing is the same. */
    public static CommandCodec unpadded(CommandGeometry geometry) {
        return new CommandCodec(geometry, false);
    }

    public CommandGeometry geometry() {
        return geometry;
    }

    /** The largest command either side sends, before encryption: the gateway's fixed size, or a full Consensus2 chunk. */
    public int maxCommandLength() {
        int d = geometry.maxGatewayToClient();
        return Math.max(geometry.maxClientToGateway(), WireCommand.HEADER_LENGTH + Consensus2.BASE_LENGTH + d);
    }

    /** The command's bytes as sent: header, body and zero padding. */
    public byte[] encode(WireCommand command) {
        byte[] raw = command.encode(geometry);
        if (!pad) {
            return raw;
        }
        int target = switch (command.padding()) {
            case UPSTREAM -> geometry.maxClientToGateway();
            case DOWNSTREAM -> geometry.maxGatewayToClient();
            case NONE -> 0;
        };
        return raw.length >= target ? raw : Arrays.copyOf(raw, target);
    }

    /**
     * Parses one received command.
     *
     * @throws CommandException {@link org.katzen4j.wire.WireException.Kind#MALFORMED_COMMAND} for bad bytes,
     *     {@link org.katzen4j.wire.WireException.Kind#UNEXPECTED_COMMAND} for an ID not allowed from that sender
     */
    public WireCommand decode(byte[] data, Direction from) throws CommandException {
        if (data.length < WireCommand.HEADER_LENGTH) {
            throw CommandException.malformed("command shorter than its 6-byte header: " + data.length + " bytes");
        }
        int code = data[0] & 0xff;
        if (data[1] != 0) {
            throw CommandException.malformed("command " + code + ": reserved byte is " + (data[1] & 0xff));
        }
        long cmdLen = ((long) (data[2] & 0xff) << 24) | ((data[3] & 0xff) << 16) | ((data[4] & 0xff) << 8)
                | (data[5] & 0xff);
        int available = data.length - WireCommand.HEADER_LENGTH;
        if (cmdLen > available) {
            throw CommandException.malformed("command " + code + ": length " + cmdLen + " exceeds the "
                    + available + " bytes present");
        }
        int bodyLen = (int) cmdLen;
        int padStart = WireCommand.HEADER_LENGTH + bodyLen;
        if (!Bytes.isZero(data, padStart, data.length - padStart)) {
            throw CommandException.malformed("command " + code + ": non-zero padding");
        }
        CommandId id = CommandId.fromCode(code);
        if (id == null) {
            throw CommandException.unexpected("command ID " + code + " is not a client-link command");
        }
        if (!allowed(id, from)) {
            throw CommandException.unexpected(id + " is not sent " + (from == Direction.CLIENT_TO_GATEWAY
                    ? "by a client" : "by a gateway"));
        }
        checkBodyLength(id, bodyLen);
        ByteReader body = ByteReader.of(data, WireCommand.HEADER_LENGTH, bodyLen);
        try {
            return switch (id) {
                case NO_OP -> NoOp.INSTANCE;
                case DISCONNECT -> Disconnect.INSTANCE;
                case SEND_PACKET -> SendPacket.decodeBody(body);
                case SEND_RETRIEVE_PACKET -> SendRetrievePacket.decodeBody(body);
                case SEND_RETRIEVE_PACKET_REPLY -> SendRetrievePacketReply.decodeBody(body);
                case RETRIEVE_MESSAGE -> RetrieveMessage.decodeBody(body);
                case MESSAGE -> Message.decodeFamily(body, geometry);
                case GET_CONSENSUS -> GetConsensus.decodeBody(body);
                case CONSENSUS -> Consensus.decodeBody(body);
                case CONSENSUS2 -> Consensus2.decodeBody(body);
                case GET_CONSENSUS2 -> GetConsensus2.decodeBody(body);
            };
        } catch (DecodeException e) {
            throw new CommandException(CommandException.Kind.MALFORMED_COMMAND, id + ": " + e.getMessage(), e);
        }
    }

    private static boolean allowed(CommandId id, Direction from) {
        return switch (id) {
            case NO_OP, DISCONNECT -> true;
            case SEND_PACKET, SEND_RETRIEVE_PACKET, RETRIEVE_MESSAGE, GET_CONSENSUS, GET_CONSENSUS2 ->
                from == Direction.CLIENT_TO_GATEWAY;
            case SEND_RETRIEVE_PACKET_REPLY, MESSAGE, CONSENSUS, CONSENSUS2 -> from == Direction.GATEWAY_TO_CLIENT;
        };
    }

    /** The one place that knows each command's body length, checked before any body is parsed. */
    private void checkBodyLength(CommandId id, int len) throws CommandException {
        boolean ok = switch (id) {
            case NO_OP, DISCONNECT -> len == 0;
            case SEND_PACKET, SEND_RETRIEVE_PACKET -> len == geometry.packetLength();
            case SEND_RETRIEVE_PACKET_REPLY -> len >= MessageAck.SURB_ID_LENGTH;
            case RETRIEVE_MESSAGE -> len == RetrieveMessage.BODY_LENGTH;
            case MESSAGE -> len == geometry.messageBodyLength() || len == geometry.ackBodyLength();
            case GET_CONSENSUS, GET_CONSENSUS2 -> len == GetConsensus.BODY_LENGTH;
            case CONSENSUS -> len >= 1;
            case CONSENSUS2 -> len >= Consensus2.BASE_LENGTH;
        };
        if (!ok) {
            throw CommandException.malformed(id + ": body of " + len + " bytes has the wrong length");
        }
    }
}
