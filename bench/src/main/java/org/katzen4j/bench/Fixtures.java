package org.katzen4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Inputs shared with the Go side of bench/compare.sh: the committed vector files. */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        String r = System.getProperty("k4j.root", System.getenv("K4J_ROOT"));
        Path d = Path.of(r != null ? r : ".").toAbsolutePath();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + d + " (set -Dk4j.root or K4J_ROOT)");
    }

    static JsonNode vectors(String rel) {
        try {
            return new ObjectMapper().readTree(Files.readString(root().resolve(rel)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonNode n) {
        return HexFormat.of().parseHex(n.asString());
    }
}
