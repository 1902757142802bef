package org.katzen4j.codec.cbor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.ByteWriter;

/**
 * Writes CBOR exactly as Go's fxamacker/cbor v2 does for the reference's types.
 *
 * <p>{@link Mode#DEFAULT} matches {@code cbor.Marshal}: definite lengths, map entries in the
 * order they are written (Go struct declaration order), the shortest integer head, float64
 * as 8 bytes except NaN and infinities (half floats). {@link Mode#CANONICAL} matches {@code cbor.CanonicalEncOptions()}: map keys
 * sorted by the length and then the bytes of their encoding, floats in the shortest form that
 * keeps the value (half, single, double), NaN as {@code f9 7e00}.
 *
 * <p>Streaming calls ({@link #startMap}, {@link #text}, …) write straight through in either
 * mode, so only {@link #value(CborValue)} sorts maps; callers building canonical output build a
 * {@link CborValue} tree.
 */
public final class CborWriter {

    public enum Mode { DEFAULT, CANONICAL }

    private final ByteWriter out;
    private final Mode mode;

    public CborWriter() {
        this(Mode.DEFAULT);
    }

    public CborWriter(Mode mode) {
        this.out = new ByteWriter(256);
        this.mode = mode;
    }

    private void head(int major, long value) {
        int mt = major << 5;
        if (value >= 0 && value < 24) {
            out.u8(mt | (int) value);
        } else if (value >= 0 && value <= 0xff) {
            out.u8(mt | 24).u8((int) value);
        } else if (value >= 0 && value <= 0xffff) {
            out.u8(mt | 25).u16((int) value);
        } else if (value >= 0 && value <= 0xffffffffL) {
            out.u8(mt | 26).u32(value);
        } else { // includes unsigned values >= 2^63 held as negative longs
            out.u8(mt | 27).u64(value);
        }
    }

    /** Unsigned integer; {@code bits} is read as unsigned 64-bit. */
    public CborWriter uint(long bits) {
        head(0, bits);
        return this;
    }

    /** Signed integer (major type 0 or 1). */
    public CborWriter integer(long v) {
        if (v >= 0) {
            head(0, v);
        } else {
            head(1, -1 - v);
        }
        return this;
    }

    /** Byte string; null writes CBOR null, as Go does for a nil slice. */
    public CborWriter bytes(byte[] b) {
        if (b == null) {
            return nul();
        }
        head(2, b.length);
        out.bytes(b);
        return this;
    }

    /** Text string; null writes CBOR null. */
    public CborWriter text(String s) {
        if (s == null) {
            return nul();
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        out.bytes(utf8);
        return this;
    }

    public CborWriter startArray(int n) {
        head(4, n);
        return this;
    }

    public CborWriter startMap(int pairs) {
        head(5, pairs);
        return this;
    }

    /** A map key (text), for streaming struct-like maps. */
    public CborWriter key(String k) {
        return text(k);
    }

    public CborWriter tag(long tag) {
        head(6, tag);
        return this;
    }

    public CborWriter bool(boolean b) {
        out.u8(b ? 0xf5 : 0xf4);
        return this;
    }

    public CborWriter nul() {
        out.u8(0xf6);
        return this;
    }

    public CborWriter float64(double d) {
        if (mode == Mode.CANONICAL) {
            return shortestFloat(d);
        }
        // fxamacker's default options also turn NaN into f97e00 and infinities into half floats
        if (Double.isNaN(d)) {
            out.u8(0xf9).u16(0x7e00);
            return this;
        }
        if (Double.isInfinite(d)) {
            out.u8(0xf9).u16(d > 0 ? 0x7c00 : 0xfc00);
            return this;
        }
        out.u8(0xfb).u64(Double.doubleToRawLongBits(d));
        return this;
    }

    /** Appends an already encoded data item verbatim. */
    public CborWriter raw(byte[] encodedItem) {
        out.bytes(encodedItem);
        return this;
    }

    private CborWriter shortestFloat(double d) {
        if (Double.isNaN(d)) {
            out.u8(0xf9).u16(0x7e00);
            return this;
        }
        float f = (float) d;
        if ((double) f == d || Double.isInfinite(d)) {
            short h = Float.floatToFloat16(f);
            if (Float.float16ToFloat(h) == f) {
                out.u8(0xf9).u16(h & 0xffff);
            } else {
                out.u8(0xfa).u32(Float.floatToRawIntBits(f) & 0xffffffffL);
            }
        } else {
            out.u8(0xfb).u64(Double.doubleToRawLongBits(d));
        }
        return this;
    }

    /** Writes a whole tree; in canonical mode every map is sorted. */
    public CborWriter value(CborValue v) {
        switch (v) {
            case CborValue.UInt u -> head(0, u.bits());
            case CborValue.NInt n -> head(1, n.bits());
            case CborValue.Bytes b -> bytes(b.value());
            case CborValue.Text t -> text(t.value());
            case CborValue.Array a -> {
                startArray(a.items().size());
                for (CborValue item : a.items()) {
                    value(item);
                }
            }
            case CborMap m -> writeMap(m);
            case CborValue.Tag t -> {
                tag(t.tag());
                value(t.content());
            }
            case CborValue.Bool b -> bool(b.value());
            case CborValue.Float64 f -> float64(f.value());
            case CborValue.Simple s -> {
                if (s.value() < 24) {
                    out.u8(0xe0 | s.value());
                } else {
                    out.u8(0xf8).u8(s.value());
                }
            }
            case CborValue.Null n -> nul();
            case CborValue.Undefined u -> out.u8(0xf7);
        }
        return this;
    }

    private void writeMap(CborMap m) {
        startMap(m.size());
        if (mode == Mode.DEFAULT) {
            for (Map.Entry<CborValue, CborValue> e : m.entries()) {
                value(e.getKey());
                value(e.getValue());
            }
            return;
        }
        List<byte[][]> encoded = new ArrayList<>(m.size());
        for (Map.Entry<CborValue, CborValue> e : m.entries()) {
            encoded.add(new byte[][] {sub(e.getKey()), sub(e.getValue())});
        }
        encoded.sort((a, b) -> a[0].length != b[0].length
                ? Integer.compare(a[0].length, b[0].length)
                : Arrays.compareUnsigned(a[0], b[0]));
        for (byte[][] kv : encoded) {
            out.bytes(kv[0]);
            out.bytes(kv[1]);
        }
    }

    private byte[] sub(CborValue v) {
        CborWriter w = new CborWriter(mode);
        w.value(v);
        return w.toByteArray();
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
