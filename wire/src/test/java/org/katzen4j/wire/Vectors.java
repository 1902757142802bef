package org.katzen4j.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Loads oracle-written JSON vectors from the test classpath. */
public final class Vectors {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {}

    public static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(JsonNode n) {
        if (n == null || n.isNull()) {
            return new byte[0];
        }
        return HexFormat.of().parseHex(n.asString());
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
