package org.katzen4j.sphinx;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.katzen4j.sphinx.commands.NextNodeHop;
import org.katzen4j.sphinx.commands.RoutingCommand;

/**
 * One hop of a Sphinx path: the node id (BLAKE2b-256 of its identity key), its mix public key for
 * the epoch the packet reaches it (NIKE public key or KEM public key, as the geometry says), and
 * the commands for it. NextNodeHop is added by header creation and must not be given here.
 */
public final class PathHop {
    private final byte[] id;
    private final byte[] publicKey;
    private final List<RoutingCommand> commands;

    public PathHop(byte[] id, byte[] publicKey, List<? extends RoutingCommand> commands) {
        if (id.length != NextNodeHop.ID_LENGTH) {
            throw new IllegalArgumentException("node id must be 32 bytes, got " + id.length);
        }
        Objects.requireNonNull(publicKey, "publicKey");
        for (RoutingCommand c : commands) {
            if (c instanceof NextNodeHop) {
                throw new IllegalArgumentException("NextNodeHop is added by header creation, not by the caller");
            }
        }
        this.id = id.clone();
        this.publicKey = publicKey.clone();
        this.commands = List.copyOf(commands);
    }

    public byte[] id() {
        return id.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public List<RoutingCommand> commands() {
        return commands;
    }

    byte[] idRef() {
        return id;
    }

    byte[] publicKeyRef() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "PathHop[id=" + HexFormat.of().formatHex(id) + ", commands=" + commands + "]";
    }
}
