package org.katzen4j.sphinx;

import static org.katzen4j.sphinx.Vectors.hex;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.RoutingCommands;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.geo.GeometryException;

import tools.jackson.databind.JsonNode;

/** Reading the oracle's Sphinx case JSON (see interop/oracle/sphinx_packets.go). */
final class SphinxCases {
    private SphinxCases() {
    }

    static Geometry geometry(JsonNode g) throws GeometryException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Geometry.KEYS) {
            JsonNode v = g.get(k);
            m.put(k, v.isString() ? v.asString() : (Object) v.asLong());
        }
        return Geometry.fromMap(m);
    }

    static List<PathHop> path(JsonNode c) throws DecodeException {
        List<PathHop> out = new ArrayList<>();
        for (JsonNode h : c.get("path")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (JsonNode cmd : h.get("commands")) {
                b.writeBytes(hex(cmd));
            }
            out.add(new PathHop(hex(h.get("id")), hex(h.get("publicKey")), RoutingCommands.decode(b.toByteArray())));
        }
        return out;
    }

    static List<byte[]> hexList(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        arr.forEach(n -> out.add(hex(n)));
        return out;
    }

    static List<String> encoded(List<RoutingCommand> cmds) {
        List<String> out = new ArrayList<>();
        cmds.forEach(c -> out.add(hex(c.encode())));
        return out;
    }
}
