package org.katzen4j.sphinx.commands;

import java.util.Arrays;
import java.util.HexFormat;

import org.katzen4j.codec.ByteWriter;

/** Forward the packet to node {@code id}; {@code mac} is the next hop's header MAC. Added by header creation only. */
public final class NextNodeHop implements RoutingCommand {
    public static final int TYPE = 0x01;
    public static final int ID_LENGTH = 32;
    public static final int MAC_LENGTH = 32;
    public static final int LENGTH = 1 + ID_LENGTH + MAC_LENGTH;

    private final byte[] id;
    private final byte[] mac;

    public NextNodeHop(byte[] id, byte[] mac) {
        if (id.length != ID_LENGTH) {
            throw new IllegalArgumentException("node id must be 32 bytes, got " + id.length);
        }
        if (mac.length != MAC_LENGTH) {
            throw new IllegalArgumentException("MAC must be 32 bytes, got " + mac.length);
        }
        this.id = id.clone();
        this.mac = mac.clone();
    }

    public byte[] id() {
        return id.clone();
    }

    public byte[] mac() {
        return mac.clone();
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
        w.u8(TYPE).bytes(id).bytes(mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NextNodeHop n && Arrays.equals(id, n.id) && Arrays.equals(mac, n.mac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id) * 31 + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return "NextNodeHop[id=" + HexFormat.of().formatHex(id) + "]";
    }
}
