package org.katzen4j.sphinx.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SurbKeys;
import org.katzen4j.sphinx.UnwrapResult;
import org.katzen4j.sphinx.X25519Nike;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.RoutingCommands;
import org.katzen4j.sphinx.geo.Geometry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Fuzzes the Sphinx parsers that see other parties' bytes: a packet unwrapped with a fixed hop key, a SURB reply
 * payload decrypted with fixed SURB keys (what a gateway hands the client), and the per-hop routing command
 * block. Only {@link SphinxException} / {@link DecodeException} may come out.
 *
 * <p>Key, geometry and SURB keys come from the oracle case {@code sphinx/packets/x25519-3/surb/1}. Without
 * {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/sphinx/fuzz/SphinxFuzzTestInputs/} are replayed.
 */
class SphinxFuzzTest {

    private static final Sphinx SPHINX;
    private static final byte[] NODE_KEY;
    private static final SurbKeys SURB_KEYS;

    static {
        try (InputStream in = SphinxFuzzTest.class.getResourceAsStream("/vectors/sphinx_packets_nike.json")) {
            JsonNode c = new ObjectMapper().readTree(in).get(0);
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : Geometry.KEYS) {
                JsonNode v = c.get("geometry").get(k);
                m.put(k, v.isString() ? v.asString() : (Object) v.asLong());
            }
            SPHINX = Sphinx.nike(Geometry.fromMap(m), X25519Nike.instance());
            NODE_KEY = HexFormat.of().parseHex(c.get("nodes").get(0).get("privateKey").asString());
            SURB_KEYS = SurbKeys.fromBytes(HexFormat.of().parseHex(c.get("surbKeys").asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SphinxException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A packet arriving at a mix whose private key we hold. Inputs of the wrong length are rejected up front, so
     * the input is also cut or zero-extended to PacketLength to reach the header and payload processing.
     */
    @FuzzTest(maxDuration = "30s")
    void unwrap(byte[] data) {
        int length = SPHINX.geometry().packetLength();
        if (data.length != length) {
            assertRejected(() -> SPHINX.unwrap(NODE_KEY, data));
        }
        byte[] packet = Arrays.copyOf(data, length);
        UnwrapResult r;
        try {
            r = SPHINX.unwrap(NODE_KEY, packet);
        } catch (SphinxException expected) {
            return;
        }
        assertThat(r.replayTag()).isNotEmpty();
        assertThat(reencode(r.commands())).isEqualTo(r.commands());
        assertThat(r.isTerminal()).isEqualTo(r.nextPacket().isEmpty());
    }

    /**
     * A SURB reply payload as the gateway returns it, decrypted with the keys we stored for that SURB: as given,
     * and cut or zero-extended to the full reply length.
     */
    @FuzzTest(maxDuration = "30s")
    void decryptSurbPayload(byte[] data) {
        int length = SPHINX.geometry().payloadTagLength() + SPHINX.geometry().forwardPayloadLength();
        if (data.length != length) {
            // the reference accepts any length from the 32-byte tag on; only the tag check decides
            try {
                SPHINX.decryptSurbPayload(data, SURB_KEYS);
            } catch (SphinxException expected) {
                // truncated or bad tag
            }
        }
        byte[] payload = Arrays.copyOf(data, length);
        try {
            byte[] plain = SPHINX.decryptSurbPayload(payload, SURB_KEYS);
            assertThat(plain).isNotNull();
        } catch (SphinxException expected) {
            // wrong length or a bad tag
        }
    }

    /** The routing commands block of one hop. */
    @FuzzTest(maxDuration = "30s")
    void routingCommands(byte[] block) {
        List<RoutingCommand> commands;
        try {
            commands = RoutingCommands.decode(block);
        } catch (DecodeException expected) {
            return;
        }
        byte[] encoded = RoutingCommands.encode(commands);
        try {
            assertThat(RoutingCommands.encode(RoutingCommands.decode(encoded))).isEqualTo(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("re-encoded routing commands do not decode: " + e.getMessage(), e);
        }
    }

    private interface SphinxCall {
        Object call() throws SphinxException;
    }

    private static void assertRejected(SphinxCall call) {
        try {
            call.call();
        } catch (SphinxException expected) {
            return;
        }
        throw new AssertionError("input of the wrong length accepted");
    }

    private static List<RoutingCommand> reencode(List<RoutingCommand> commands) {
        try {
            return RoutingCommands.decode(RoutingCommands.encode(commands));
        } catch (DecodeException e) {
            throw new AssertionError("unwrapped routing commands do not re-encode: " + e.getMessage(), e);
        }
    }
}
