package org.katzen4j.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Loads the oracle's JSON vectors from the test classpath. */
final class Vectors {
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {
    }

    static List<JsonNode> load(String file, String key) throws IOException {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IOException("missing vector file " + file);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.get(key).forEach(out::add);
            return out;
        }
    }

    static byte[] hex(JsonNode n, String field) {
        return HEX.parseHex(n.get(field).asString());
    }

    static String str(JsonNode n, String field) {
        return n.get(field).asString();
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
