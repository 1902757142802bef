package org.katzen4j.pigeonhole;

import java.util.Arrays;

import org.katzen4j.pigeonhole.PigeonholeException.Kind;

/**
 * The plaintext framing of every box: a big-endian u32 message length, the message, then zeros up
 * to a fixed total size (MaxPlaintextPayloadLength + 4 on the network).
 */
public final class PaddedPayload {
    public static final int LENGTH_PREFIX_SIZE = 4;

    private PaddedPayload() {}

    /** Pads {@code message} to exactly {@code targetSize} bytes. */
    public static byte[] create(byte[] message, int targetSize) throws PigeonholeException {
        if (targetSize < LENGTH_PREFIX_SIZE || message.length > targetSize - LENGTH_PREFIX_SIZE) {
            throw new PigeonholeException(Kind.BAD_PAYLOAD, "message of " + message.length
                    + " bytes does not fit a padded payload of " + targetSize + " bytes");
        }
        byte[] out = new byte[targetSize];
        int n = message.length;
        out[0] = (byte) (n >>> 24);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        System.arraycopy(message, 0, out, LENGTH_PREFIX_SIZE, n);
        return out;
    }

    /** Recovers the message; fails if the length prefix exceeds what follows it. Padding content is not checked. */
    public static byte[] extract(byte[] padded) throws PigeonholeException {
        if (padded.length < LENGTH_PREFIX_SIZE) {
            throw new PigeonholeException(Kind.BAD_PAYLOAD, "padded payload shorter than its length prefix");
        }
        long n = ((padded[0] & 0xffL) << 24) | ((padded[1] & 0xff) << 16) | ((padded[2] & 0xff) << 8) | (padded[3] & 0xff);
        if (n > padded.length - LENGTH_PREFIX_SIZE) {
            throw new PigeonholeException(Kind.BAD_PAYLOAD, "padded payload length prefix " + n + " exceeds its "
                    + (padded.length - LENGTH_PREFIX_SIZE) + " bytes");
        }
        return Arrays.copyOfRange(padded, LENGTH_PREFIX_SIZE, LENGTH_PREFIX_SIZE + (int) n);
    }
}
