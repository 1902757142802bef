package org.katzen4j.wire.commands;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * One chunk of the gzip-compressed signed consensus (gateway to client, answer to
 * {@link GetConsensus2}). Body: {@code errorCode | chunkNum BE32 | chunkTotal BE32 | chunk}. Padded
 * downstream when shorter than the gateway's fixed size; full chunks are longer and sent as they are.
 */
public record Consensus2(int errorCode, long chunkNum, long chunkTotal, byte[] payload) implements WireCommand {
    static final int BASE_LENGTH = 1 + 4 + 4;

    public Consensus2 {
        Bytes.checkU8(errorCode, "error code");
        Bytes.checkU32(chunkNum, "chunk number");
        Bytes.checkU32(chunkTotal, "chunk total");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Length of the chunk without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public CommandId id() {
        return CommandId.CONSENSUS2;
    }

    @Override
    public Padding padding() {
        return Padding.DOWNSTREAM;
    }

    @Override
    public byte[] encode(CommandGeometry geometry) {
        byte[] out = WireCommand.withHeader(id(), BASE_LENGTH + payload.length);
        out[HEADER_LENGTH] = (byte) errorCode;
        Bytes.putU32(out, HEADER_LENGTH + 1, chunkNum);
        Bytes.putU32(out, HEADER_LENGTH + 5, chunkTotal);
        System.arraycopy(payload, 0, out, HEADER_LENGTH + BASE_LENGTH, payload.length);
        return out;
    }

    static Consensus2 decodeBody(ByteReader body) throws DecodeException {
        int code = body.u8("Consensus2 error code");
        long num = body.u32("Consensus2 chunk number");
        long total = body.u32("Consensus2 chunk total");
        return new Consensus2(code, num, total, body.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Consensus2 other && errorCode == other.errorCode && chunkNum == other.chunkNum
                && chunkTotal == other.chunkTotal && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return ((31 * errorCode + Long.hashCode(chunkNum)) * 31 + Long.hashCode(chunkTotal)) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Consensus2[errorCode=" + errorCode + ", chunk=" + chunkNum + "/" + chunkTotal + ", payload="
                + payload.length + " bytes]";
    }
}
