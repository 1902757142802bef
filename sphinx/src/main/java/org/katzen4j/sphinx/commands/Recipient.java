package org.katzen4j.sphinx.commands;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.katzen4j.codec.ByteWriter;

/** Deliver to queue {@code id} (32 bytes; shorter names are right-padded with zeros). */
public final class Recipient implements RoutingCommand {
    public static final int TYPE = 0x02;
    public static final int ID_LENGTH = 32;
    public static final int LENGTH = 1 + ID_LENGTH;

    private final byte[] id;

    /** @param id exactly 32 bytes */
    public Recipient(byte[] id) {
        if (id.length != ID_LENGTH) {
            throw new IllegalArgumentException("recipient id must be 32 bytes, got " + id.length);
        }
        this.id = id.clone();
    }

    /**
     * A recipient from a queue name of at most 32 bytes, copied to the front and zero padded, as
     * the reference client does (e.g. {@code "+echo"}).
     */
    public static Recipient padded(byte[] name) {
        if (name.length > ID_LENGTH) {
            throw new IllegalArgumentException("recipient id is longer than 32 bytes: " + name.length);
        }
        return new Recipient(Arrays.copyOf(name, ID_LENGTH));
    }

    /** {@link #padded(byte[])} of the UTF-8 bytes of {@code name}. */
    public static Recipient padded(String name) {
        return padded(name.getBytes(StandardCharsets.UTF_8));
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
        return o instanceof Recipient r && Arrays.equals(id, r.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "Recipient[" + HexFormat.of().formatHex(id) + "]";
    }
}
