package org.katzen4j.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded big-endian reader over a byte array slice. Every read checks the remaining length
 * first and throws {@link DecodeException} naming what was being read, so no allocation is ever
 * sized from a peer's count beyond what is actually present. Decoders finish with
 * {@link #expectExhausted(String)} so trailing bytes are an error, not silently ignored.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    private ByteReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("slice " + off + "+" + len + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** Reads {@code data} in place; the caller must not change it while reading. */
    public static ByteReader of(byte[] data) {
        return new ByteReader(data, 0, data.length);
    }

    public static ByteReader of(byte[] data, int off, int len) {
        return new ByteReader(data, off, len);
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Offset from the start of the slice, for error messages. */
    public int position() {
        return pos;
    }

    private void need(int n, String what) throws DecodeException {
        if (n < 0 || n > end - pos) {
            throw new DecodeException("truncated " + what + ": need " + n + " bytes, have " + (end - pos));
        }
    }

    public int u8(String what) throws DecodeException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    /** The next byte without consuming it. */
    public int peekU8(String what) throws DecodeException {
        need(1, what);
        return buf[pos] & 0xff;
    }

    public int u16(String what) throws DecodeException {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit value, as a long. */
    public long u32(String what) throws DecodeException {
        need(4, what);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A 64-bit value; callers treating it as unsigned use the Long unsigned helpers. */
    public long u64(String what) throws DecodeException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** Copies the next {@code n} bytes. */
    public byte[] bytes(int n, String what) throws DecodeException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Copies the next {@code n} bytes into {@code dst} at {@code off}. */
    public void read(byte[] dst, int off, int n, String what) throws DecodeException {
        need(n, what);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
    }

    /** Copies every remaining byte. */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }

    public void skip(int n, String what) throws DecodeException {
        need(n, what);
        pos += n;
    }

    /** A reader over the next {@code n} bytes, which this reader then skips. */
    public ByteReader nested(int n, String what) throws DecodeException {
        need(n, what);
        ByteReader inner = new ByteReader(buf, pos, n);
        pos += n;
        return inner;
    }

    /** UTF-8 text of {@code n} bytes; malformed UTF-8 is an error. */
    public String utf8(int n, String what) throws DecodeException {
        need(n, what);
        // fast path for ASCII (every map key of the protocols): valid UTF-8 as it stands, so no
        // decoder and no intermediate buffers
        int i = pos;
        int stop = pos + n;
        while (i < stop && buf[i] >= 0) {
            i++;
        }
        if (i == stop) {
            String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
            pos = stop;
            return s;
        }
        byte[] raw = bytes(n, what);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DecodeException("invalid UTF-8 in " + what, e);
        }
    }

    /** Fails unless every byte was consumed. */
    public void expectExhausted(String what) throws DecodeException {
        if (pos != end) {
            throw new DecodeException(what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }
}
