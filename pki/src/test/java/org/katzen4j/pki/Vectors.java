package org.katzen4j.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Loads the oracle-written PKI vectors from the test classpath. */
final class Vectors {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonNode n) {
        return HexFormat.of().parseHex(n.asString());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static AuthoritySet authorities(JsonNode v) throws PkiException {
        List<Authority> out = new ArrayList<>();
        for (JsonNode a : v.get("authorities")) {
            out.add(Authority.fromPem(a.get("name").asString(), a.get("scheme").asString(), a.get("pem").asString()));
        }
        return AuthoritySet.of(out);
    }

    /** A clock standing in the middle of {@code epoch}. */
    static EpochClock clockAt(EpochTime t, long epoch) {
        return new EpochClock(t, Clock.fixed(t.start(epoch).plus(t.period().dividedBy(2)), ZoneOffset.UTC));
    }
}
