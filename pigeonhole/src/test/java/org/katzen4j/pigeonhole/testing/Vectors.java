package org.katzen4j.pigeonhole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHAKEDigest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Loads oracle-written JSON vectors and rebuilds the oracle's deterministic random streams. */
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
            throw new IllegalArgumentException("missing hex field");
        }
        return HexFormat.of().parseHex(n.asString());
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /**
     * The oracle's detRand(label): a SHAKE-256 stream of "katzen4j oracle " + label, served
     * sequentially as a SecureRandom.
     */
    public static SecureRandom detRand(String label) {
        SHAKEDigest x = new SHAKEDigest(256);
        byte[] in = ("katzen4j oracle " + label).getBytes(StandardCharsets.UTF_8);
        x.update(in, 0, in.length);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized void nextBytes(byte[] bytes) {
                x.doOutput(bytes, 0, bytes.length);
            }
        };
    }
}
