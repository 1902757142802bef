package org.katzen4j.sphinx;

import java.util.Arrays;

/**
 * A freshly made SURB: the bytes to hand to the replier (header ‖ first hop id ‖ replier key
 * material, SURBLength bytes) and the keys its creator keeps. Closing wipes the keys.
 */
public final class Surb implements AutoCloseable {
    private final byte[] bytes;
    private final SurbKeys keys;
    private final int headerLength;

    Surb(byte[] bytes, SurbKeys keys, int headerLength) {
        this.bytes = bytes;
        this.keys = keys;
        this.headerLength = headerLength;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public SurbKeys keys() {
        return keys;
    }

    /** The first hop of the reply path (the node the replier sends the reply packet to). */
    public byte[] firstHop() {
        return Arrays.copyOfRange(bytes, headerLength, headerLength + 32);
    }

    @Override
    public void close() {
        keys.close();
    }

    @Override
    public String toString() {
        return "Surb[" + bytes.length + " bytes]";
    }
}
