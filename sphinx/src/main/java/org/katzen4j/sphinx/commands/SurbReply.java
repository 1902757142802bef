package org.katzen4j.sphinx.commands;

import java.util.Arrays;
import java.util.HexFormat;

import org.katzen4j.codec.ByteWriter;

/** Marks the terminal hop of a SURB path; carries the 16-byte SURB id the gateway returns. */
public final class SurbReply implements RoutingCommand {
    public static final int TYPE = 0x03;
    public static final int ID_LENGTH = 16;
    public static final int LENGTH = 1 + ID_LENGTH;

    private final byte[] id;

    public SurbReply(byte[] id) {
        if (id.length != ID_LENGTH) {
            throw new IllegalArgumentException("SURB id must be 16 bytes, got " + id.length);
        }
        this.id = id.clone();
    }

    public byte[] id() {
        return id.clone();
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encodeTo(ByteWriter w) {
        w.u8(TYPE).bytes(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurbReply s && Arrays.equals(id, s.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "SurbReply[" + HexFormat.of().formatHex(id) + "]";
    }
}
