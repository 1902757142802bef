package org.katzen4j.thinclient.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.katzen4j.codec.DecodeException;

/**
 * Thin-protocol framing, identical in both directions:
 *
 * <pre>
 * +------------------------------+--------------------------------------+
 * | length L: uint32 big-endian  | L bytes: exactly one CBOR data item  |
 * +------------------------------+--------------------------------------+
 * </pre>
 *
 * The reference enforces no maximum; we check L against a configurable limit (default 40 MiB)
 * before allocating anything.
 */
public final class Frames {
    /** Default maximum frame body size: 40 MiB, as later reference thin clients use. */
    public static final int DEFAULT_MAX_FRAME = 40 * 1024 * 1024;

    private Frames() {
    }

    /** Length prefix followed by {@code body}. */
    public static byte[] frame(byte[] body) {
        byte[] out = new byte[4 + body.length];
        int n = body.length;
        out[0] = (byte) (n >>> 24);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        System.arraycopy(body, 0, out, 4, n);
        return out;
    }

    /** Checks a length prefix (read as unsigned) against {@code maxFrame}. */
    static int checkLength(long length, int maxFrame) throws FrameTooLargeException {
        if (length > maxFrame) {
            throw new FrameTooLargeException(length, maxFrame);
        }
        return (int) length;
    }

    /**
     * Reads one frame body from a blocking stream. Returns null on a clean end of stream before
     * the first prefix byte; a stream ending inside a frame is an {@link EOFException}.
     */
    public static byte[] read(InputStream in, int maxFrame) throws IOException, DecodeException {
        byte[] prefix = new byte[4];
        int got = in.readNBytes(prefix, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException("stream ended inside a frame length prefix (" + got + " of 4 bytes)");
        }
        long len = ((prefix[0] & 0xffL) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8)
                | (prefix[3] & 0xff);
        int n = checkLength(len, maxFrame);
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException("stream ended inside a frame body (" + body.length + " of " + n + " bytes)");
        }
        return body;
    }

    /** A length prefix above the configured maximum. */
    public static final class FrameTooLargeException extends DecodeException {
        private static final long serialVersionUID = 1L;

        FrameTooLargeException(long length, int max) {
            super("frame length " + length + " exceeds the maximum of " + max + " bytes");
        }
    }
}
