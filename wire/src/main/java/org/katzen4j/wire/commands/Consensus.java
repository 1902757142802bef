package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * The whole signed consensus in one command (gateway to client, answer to {@link GetConsensus}).
 * Body: {@code errorCode | document}. Never padded. kpclientd does not use it (it would even crash
 * on one); a client session treats it as unexpected.
 */
public record Consensus(int errorCode, byte[] payload) implements WireCommand {
    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    public static final int GONE = 2;

    public Consensus {
        Bytes.checkU8(errorCode, "error code");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public CommandId id() {
        return CommandId.CONSENSUS;
    }

    @Override
    public Padding padding() {
        return Padding.NONE;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), 1 + payload.length);
        out[HEADER_LENGTH] = (byte) errorCode;
        System.arraycopy(payload, 0, out, HEADER_LENGTH + 1, payload.length);
        return out;
    }

    static Consensus decodeBody(ByteReader body) throws DecodeException {
        int code = body.u8("Consensus error code");
        return new Consensus(code, body.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Consensus other && errorCode == other.errorCode && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * errorCode + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Consensus[errorCode=" + errorCode + ", payload=" + payload.length + " bytes]";
    }
}
