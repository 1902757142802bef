package org.katzen4j.sphinx.commands;

import java.util.ArrayList;
import java.util.List;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;

/**
 * Encoding and parsing of a hop's command block (the decrypted per-hop routing information).
 *
 * <p>Parsing follows the reference: commands are read until the buffer ends or a {@code 0x00}
 * type byte is found; after {@code 0x00} every remaining byte must be zero. An unknown type
 * byte ({@link UnknownCommandException}), a truncated body, or more than one NextNodeHop or
 * SURBReply is an error.
 */
public final class RoutingCommands {
    private RoutingCommands() {
    }

    /** Serializes commands back to back (no padding). */
    public static byte[] encode(List<? extends RoutingCommand> commands) {
        ByteWriter w = new ByteWriter(64);
        for (RoutingCommand c : commands) {
            c.encodeTo(w);
        }
        return w.toByteArray();
    }

    /** Parses a whole block. */
    public static List<RoutingCommand> decode(byte[] block) throws DecodeException {
        return decode(block, 0, block.length);
    }

    /** Parses {@code len} bytes of {@code buf} starting at {@code off}. */
    public static List<RoutingCommand> decode(byte[] buf, int off, int len) throws DecodeException {
        ByteReader r = ByteReader.of(buf, off, len);
        List<RoutingCommand> out = new ArrayList<>(3);
        boolean sawNext = false;
        boolean sawSurb = false;
        while (r.hasRemaining()) {
            int type = r.u8("routing command type");
            if (type == 0x00) {
                int acc = 0;
                while (r.hasRemaining()) {
                    acc |= r.u8("padding");
                }
                if (acc != 0) {
                    throw new DecodeException("sphinx: invalid per-hop command, non-zero padding");
                }
                break;
            }
            RoutingCommand c = switch (type) {
                case NextNodeHop.TYPE -> new NextNodeHop(body(r, NextNodeHop.ID_LENGTH, "NextNodeHop"),
                        body(r, NextNodeHop.MAC_LENGTH, "NextNodeHop"));
                case Recipient.TYPE -> new Recipient(body(r, Recipient.ID_LENGTH, "Recipient"));
                case SurbReply.TYPE -> new SurbReply(body(r, SurbReply.ID_LENGTH, "SURBReply"));
                case NodeDelay.TYPE -> {
                    if (r.remaining() < 4) {
                        throw new DecodeException("sphinx: invalid per-hop command, truncated NodeDelay");
                    }
                    yield new NodeDelay(r.u32("NodeDelay"));
                }
                default -> throw new UnknownCommandException(type);
            };
            if (c instanceof NextNodeHop) {
                if (sawNext) {
                    throw new DecodeException("sphinx: invalid packet, > 1 next_node");
                }
                sawNext = true;
            } else if (c instanceof SurbReply) {
                if (sawSurb) {
                    throw new DecodeException("sphinx: invalid packet, > 1 surb_reply");
                }
                sawSurb = true;
            }
            out.add(c);
        }
        return out;
    }

    private static byte[] body(ByteReader r, int n, String what) throws DecodeException {
        if (r.remaining() < n) {
            throw new DecodeException("sphinx: invalid per-hop command, truncated " + what);
        }
        return r.bytes(n, what);
    }
}
