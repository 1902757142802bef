package org.katzen4j.thinclient.protocol;

import java.util.Arrays;
import java.util.Optional;

import org.katzen4j.codec.DecodeException;

/**
 * Incremental frame splitter for non-blocking input: {@link #feed} appends received bytes,
 * {@link #next} returns a complete frame body or empty when more bytes are needed. An oversized
 * length prefix is reported as soon as the prefix is complete, before the body is buffered;
 * after that error the decoder refuses all further input.
 */
public final class FrameDecoder {
    private final int maxFrame;
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private boolean failed;

    public FrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    public FrameDecoder() {
        this(Frames.DEFAULT_MAX_FRAME);
    }

    public void feed(byte[] data, int off, int len) throws DecodeException {
        if (failed) {
            throw new DecodeException("frame decoder already failed");
        }
        if (end + len > buf.length) {
            int live = end - start;
            int need = live + len;
            if (need <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                buf = Arrays.copyOfRange(buf, start, start + Math.max(need, buf.length * 2));
            }
            start = 0;
            end = live;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
        // validate a complete prefix immediately, so an oversized frame is never buffered
        if (end - start >= 4) {
            try {
                Frames.checkLength(prefix(), maxFrame);
            } catch (DecodeException e) {
                failed = true;
                throw e;
            }
        }
    }

    public void feed(byte[] data) throws DecodeException {
        feed(data, 0, data.length);
    }

    private long prefix() {
        return ((buf[start] & 0xffL) << 24) | ((buf[start + 1] & 0xff) << 16) | ((buf[start + 2] & 0xff) << 8)
                | (buf[start + 3] & 0xff);
    }

    /** The next complete frame body, or empty if the buffered bytes do not yet hold one. */
    public Optional<byte[]> next() throws DecodeException {
        if (failed) {
            throw new DecodeException("frame decoder already failed");
        }
        if (end - start < 4) {
            return Optional.empty();
        }
        int n = Frames.checkLength(prefix(), maxFrame);
        if (end - start - 4 < n) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(buf, start + 4, start + 4 + n);
        start += 4 + n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return Optional.of(body);
    }

    /** Bytes received but not yet returned as a frame. */
    public int buffered() {
        return end - start;
    }
}
