package org.katzen4j.sphinx;

import java.util.Arrays;
import java.util.Optional;

import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.geo.Geometry;

/**
 * The plaintext a forward Sphinx packet carries (ForwardPayloadLength bytes):
 *
 * <pre>
 * flags (1: 0x01 = has SURB, 0x00 = none) ‖ reserved (1: 0x00) ‖ SURB or zeros (SURBLength)
 *   ‖ user payload zero padded to UserForwardPayloadLength
 * </pre>
 *
 * The no-SURB form is the layout the reference server's parser expects; the reference client
 * builds it differently (see sphinx-and-sending.md 5.1), katzen4j follows the server.
 */
public final class ForwardPayload {
    public static final int FLAG_SURB = 0x01;

    private ForwardPayload() {
    }

    /** {@code 01 00 ‖ surb ‖ userPayload ‖ zeros}. */
    public static byte[] withSurb(Geometry g, byte[] surb, byte[] userPayload) throws SphinxException {
        if (surb.length != g.surbLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "SURB must be " + g.surbLength() + " bytes, got " + surb.length);
        }
        byte[] out = frame(g, userPayload);
        out[0] = FLAG_SURB;
        System.arraycopy(surb, 0, out, g.sphinxPlaintextHeaderLength(), surb.length);
        return out;
    }

    /** {@code 00 00 ‖ zeros(SURBLength) ‖ userPayload ‖ zeros}. */
    public static byte[] withoutSurb(Geometry g, byte[] userPayload) throws SphinxException {
        return frame(g, userPayload);
    }

    private static byte[] frame(Geometry g, byte[] userPayload) throws SphinxException {
        if (userPayload.length > g.userForwardPayloadLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "message too large: " + userPayload.length + " > "
                    + g.userForwardPayloadLength());
        }
        byte[] out = new byte[g.forwardPayloadLength()];
        System.arraycopy(userPayload, 0, out, g.sphinxPlaintextHeaderLength() + g.surbLength(), userPayload.length);
        return out;
    }

    /** A parsed forward payload, as a service node sees it. */
    public record Parsed(Optional<byte[]> surb, byte[] userPayload) {
    }

    /** The receiving node's parse: length, flags and reserved byte checked. */
    public static Parsed parse(Geometry g, byte[] payload) throws SphinxException {
        if (payload.length != g.forwardPayloadLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "forward payload must be " + g.forwardPayloadLength()
                    + " bytes, got " + payload.length);
        }
        if (payload[1] != 0) {
            throw new SphinxException(Kind.BAD_COMMAND, "forward payload reserved byte is not zero");
        }
        int h = g.sphinxPlaintextHeaderLength();
        Optional<byte[]> surb = switch (payload[0]) {
            case 0 -> Optional.empty();
            case FLAG_SURB -> Optional.of(Arrays.copyOfRange(payload, h, h + g.surbLength()));
            default -> throw new SphinxException(Kind.BAD_COMMAND, "forward payload has unknown flags " + payload[0]);
        };
        return new Parsed(surb, Arrays.copyOfRange(payload, h + g.surbLength(), payload.length));
    }
}
