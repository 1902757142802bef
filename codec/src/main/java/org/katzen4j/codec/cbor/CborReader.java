package org.katzen4j.codec.cbor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.ByteReader;
import org.katzen4j.codec.DecodeException;

/**
 * Decodes one CBOR data item from peer bytes into a {@link CborValue} tree, accepting what the
 * reference's Go decoder accepts (definite and indefinite lengths, tags, any map key type) under
 * the same default limits: nesting depth 32, 131072 array elements, 131072 map pairs. Lengths are
 * checked against the bytes actually present before anything is allocated, and trailing bytes
 * after the item are an error.
 */
public final class CborReader {

    /** Limits on one decoded item; {@link #DEFAULT} mirrors fxamacker/cbor's defaults. */
    public record Limits(int maxDepth, int maxArrayElements, int maxMapPairs) {
        public static final Limits DEFAULT = new Limits(32, 131_072, 131_072);
    }

    private final ByteReader in;
    private final Limits limits;

    private CborReader(ByteReader in, Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Decodes exactly one item filling all of {@code data}. */
    public static CborValue decode(byte[] data) throws DecodeException {
        return decode(data, Limits.DEFAULT);
    }

    public static CborValue decode(byte[] data, Limits limits) throws DecodeException {
        ByteReader r = ByteReader.of(data);
        CborValue v = new CborReader(r, limits).item(0);
        r.expectExhausted("CBOR item");
        return v;
    }

    /** Decodes one item from {@code r}, leaving any following bytes unread. */
    public static CborValue decodeNext(ByteReader r, Limits limits) throws DecodeException {
        return new CborReader(r, limits).item(0);
    }

    private static final int BREAK = 0xff;

    private long argument(int info) throws DecodeException {
        return switch (info) {
            case 24 -> in.u8("CBOR argument");
            case 25 -> in.u16("CBOR argument");
            case 26 -> in.u32("CBOR argument");
            case 27 -> in.u64("CBOR argument");
            default -> {
                if (info < 24) {
                    yield info;
                }
                throw new DecodeException("CBOR: reserved additional information " + info + " at offset " + (in.position() - 1));
            }
        };
    }

    /** A definite length that must fit in what remains (each element needs at least one byte). */
    private int length(long n, int perItemMin, String what) throws DecodeException {
        if (n < 0 || n > Integer.MAX_VALUE || n * perItemMin > in.remaining()) {
            throw new DecodeException("CBOR " + what + " length " + Long.toUnsignedString(n) + " exceeds the "
                    + in.remaining() + " bytes left");
        }
        return (int) n;
    }

    private CborValue item(int depth) throws DecodeException {
        if (depth > limits.maxDepth()) {
            throw new DecodeException("CBOR nesting deeper than " + limits.maxDepth());
        }
        int ib = in.u8("CBOR initial byte");
        int major = ib >>> 5;
        int info = ib & 0x1f;
        if (info == 31) {
            return indefinite(major, depth);
        }
        switch (major) {
            case 0:
                return new CborValue.UInt(argument(info));
            case 1:
                return new CborValue.NInt(argument(info));
            case 2:
                return new CborValue.Bytes(in.bytes(length(argument(info), 1, "byte string"), "CBOR byte string"));
            case 3:
                return new CborValue.Text(in.utf8(length(argument(info), 1, "text string"), "CBOR text string"));
            case 4: {
                int n = length(argument(info), 1, "array");
                if (n > limits.maxArrayElements()) {
                    throw new DecodeException("CBOR array of " + n + " elements exceeds " + limits.maxArrayElements());
                }
                List<CborValue> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(item(depth + 1));
                }
                return new CborValue.Array(items);
            }
            case 5: {
                int n = length(argument(info), 2, "map");
                if (n > limits.maxMapPairs()) {
                    throw new DecodeException("CBOR map of " + n + " pairs exceeds " + limits.maxMapPairs());
                }
                List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    CborValue k = item(depth + 1);
                    entries.add(Map.entry(k, item(depth + 1)));
                }
                return CborMap.adopt(entries);
            }
            case 6:
                return new CborValue.Tag(argument(info), item(depth + 1));
            default:
                return simpleOrFloat(info);
        }
    }

    private CborValue simpleOrFloat(int info) throws DecodeException {
        return switch (info) {
            case 20 -> new CborValue.Bool(false);
            case 21 -> new CborValue.Bool(true);
            case 22 -> CborValue.Null.INSTANCE;
            case 23 -> CborValue.Undefined.INSTANCE;
            case 24 -> {
                int s = in.u8("CBOR simple value");
                if (s < 32) {
                    throw new DecodeException("CBOR: malformed two-byte simple value " + s);
                }
                yield new CborValue.Simple(s);
            }
            case 25 -> new CborValue.Float64(Float.float16ToFloat((short) in.u16("CBOR half float")));
            case 26 -> new CborValue.Float64(Float.intBitsToFloat((int) in.u32("CBOR float")));
            case 27 -> new CborValue.Float64(Double.longBitsToDouble(in.u64("CBOR double")));
            default -> {
                if (info < 20) {
                    yield new CborValue.Simple(info);
                }
                throw new DecodeException("CBOR: reserved simple/float encoding " + info);
            }
        };
    }

    private CborValue indefinite(int major, int depth) throws DecodeException {
        switch (major) {
            case 2:
            case 3: {
                java.io.ByteArrayOutputStream acc = new java.io.ByteArrayOutputStream();
                while (true) {
                    int ib = in.u8("CBOR chunk");
                    if (ib == BREAK) {
                        break;
                    }
                    if (ib >>> 5 != major || (ib & 0x1f) == 31) {
                        throw new DecodeException("CBOR: bad chunk in indefinite-length string");
                    }
                    int n = length(argument(ib & 0x1f), 1, "string chunk");
                    acc.writeBytes(in.bytes(n, "CBOR string chunk"));
                }
                byte[] all = acc.toByteArray();
                if (major == 2) {
                    return new CborValue.Bytes(all);
                }
                return new CborValue.Text(ByteReader.of(all).utf8(all.length, "CBOR text string"));
            }
            case 4: {
                List<CborValue> items = new ArrayList<>();
                while (!atBreak()) {
                    if (items.size() >= limits.maxArrayElements()) {
                        throw new DecodeException("CBOR array exceeds " + limits.maxArrayElements() + " elements");
                    }
                    items.add(item(depth + 1));
                }
                return new CborValue.Array(items);
            }
            case 5: {
                List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();
                while (!atBreak()) {
                    if (entries.size() >= limits.maxMapPairs()) {
                        throw new DecodeException("CBOR map exceeds " + limits.maxMapPairs() + " pairs");
                    }
                    CborValue k = item(depth + 1);
                    entries.add(Map.entry(k, item(depth + 1)));
                }
                return CborMap.adopt(entries);
            }
            default:
                throw new DecodeException("CBOR: indefinite length not allowed for major type " + major);
        }
    }

    /** Consumes a break byte if one is next. */
    private boolean atBreak() throws DecodeException {
        if (in.peekU8("CBOR indefinite-length item (missing break)") == BREAK) {
            in.skip(1, "CBOR break");
            return true;
        }
        return false;
    }
}
