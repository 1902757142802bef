package org.katzen4j.sphinx.commands;

import org.katzen4j.codec.ByteWriter;

/** Hold the packet for {@code delayMillis} (unsigned 32-bit, big-endian on the wire). */
public record NodeDelay(long delayMillis) implements RoutingCommand {
    public static final int TYPE = 0x80;
    public static final int LENGTH = 1 + 4;

    public NodeDelay {
        if (delayMillis < 0 || delayMillis > 0xffffffffL) {
            throw new IllegalArgumentException("delay out of uint32 range: " + delayMillis);
        }
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
        w.u8(TYPE).u32(delayMillis);
    }
}
