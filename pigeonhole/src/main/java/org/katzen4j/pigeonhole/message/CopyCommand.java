package org.katzen4j.pigeonhole.message;

import java.util.Arrays;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * Trunnel {@code copy_command}: {@code write_cap_len} u32 then {@code write_cap}. Defined by the
 * reference but not acted on by its courier.
 */
public record CopyCommand(byte[] writeCap) implements CourierQuery {
    public CopyCommand {
        writeCap = Fields.bounded(writeCap, 0xffffffffL, "write_cap");
    }

    @Override
    public byte[] writeCap() {
        return writeCap.clone();
    }

    @Override
    public int queryType() {
        return CourierQuery.TYPE_COPY_COMMAND;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u32(writeCap.length).bytes(writeCap);
    }

    static CopyCommand read(ByteReader r) throws DecodeException {
        return new CopyCommand(Fields.u32Bytes(r, "write_cap"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyCommand c && Arrays.equals(writeCap, c.writeCap);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(writeCap);
    }

    @Override
    public String toString() {
        return "CopyCommand[" + writeCap.length + "B]";
    }
}
