package org.katzen4j.sphinx;

import java.util.HexFormat;

/** A reply packet made from a SURB and the node it must be sent to. */
public record ReplyPacket(byte[] packet, byte[] firstHop) {
    @Override
    public String toString() {
        return "ReplyPacket[" + packet.length + " bytes to " + HexFormat.of().formatHex(firstHop) + "]";
    }
}
