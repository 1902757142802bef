package org.katzen4j.sphinx.commands;

import org.katzen4j.codec.ByteWriter;

/**
 * A per-hop routing command inside a Sphinx header block. Wire form: one type byte, then a
 * fixed-size body; a block ends at the first {@code 0x00} byte, after which everything must be zero.
 *
 * <pre>
 * 0x01 NextNodeHop  id[32] mac[32]       (65 bytes)
 * 0x02 Recipient    id[32]               (33 bytes)
 * 0x03 SURBReply    surbId[16]           (17 bytes)
 * 0x80 NodeDelay    delay uint32 BE, ms  ( 5 bytes)
 * </pre>
 */
public sealed interface RoutingCommand permits NextNodeHop, Recipient, SurbReply, NodeDelay {

    /** The type byte. */
    int type();

    /** Serialized length including the type byte. */
    int encodedLength();

    /** Appends the serialized command. */
    void encodeTo(ByteWriter w);

    /** The serialized command. */
    default byte[] encode() {
        ByteWriter w = new ByteWriter(encodedLength());
        encodeTo(w);
        return w.toByteArray();
    }
}
