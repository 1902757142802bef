package org.katzen4j.thinclient.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.codec.cbor.CborWriter;

/**
 * Field-level decoding and encoding with the reference decoder's rules: a missing key and
 * {@code null} both give the zero value, keys match exactly or else case-insensitively, unknown
 * keys are ignored, and a value of the wrong CBOR type is an error.
 */
final class Fields {
    /** {@link ThinRequest#KEYS}, each mapped to itself: the exact-match lookup of the request decoder. */
    static final java.util.Map<String, String> REQUEST_KEYS = selfIndex(ThinRequest.KEYS);

    private static java.util.Map<String, String> selfIndex(java.util.List<String> keys) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String k : keys) {
            m.put(k, k);
        }
        return java.util.Map.copyOf(m);
    }

    private Fields() {
    }

    private static CborValue present(CborMap m, String key) {
        CborValue v = m.get(key);
        v = v == null ? null : untag(v);
        return v == null || v.isNull() ? null : v;
    }

    /** Strips the self-describe tag 55799, which Go's decoder accepts anywhere. */
    static CborValue untag(CborValue v) {
        while (v instanceof CborValue.Tag t && t.tag() == 55799L) {
            v = t.content();
        }
        return v;
    }

    static QueryId queryId(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : QueryId.fromWire(v.asBytes(key));
    }

    static MessageId messageId(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : MessageId.fromWire(v.asBytes(key));
    }

    static SurbId surbId(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : SurbId.fromWire(v.asBytes(key));
    }

    static Hash256 hash(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : Hash256.fromWire(v.asBytes(key));
    }

    static ReadCap readCap(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : ReadCap.of(v.asBytes(key, ReadCap.LENGTH));
    }

    static WriteCap writeCap(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : WriteCap.of(v.asBytes(key, WriteCap.LENGTH));
    }

    static MessageBoxIndex index(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : MessageBoxIndex.of(v.asBytes(key, MessageBoxIndex.LENGTH));
    }

    static Blob blob(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : Blob.wrap(v.asBytes(key));
    }

    static int u16(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? 0 : (int) v.asUnsigned(key, 0xffff);
    }

    static Integer u16OrNull(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : (int) v.asUnsigned(key, 0xffff);
    }

    static int u8(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? 0 : (int) v.asUnsigned(key, 0xff);
    }

    static Integer u8OrNull(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? null : (int) v.asUnsigned(key, 0xff);
    }

    static boolean bool(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v != null && v.asBool(key);
    }

    static String text(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? "" : v.asText(key);
    }

    /** Go time.Time: integer or float Unix seconds, RFC 3339 text, or tag 0/1; null is the zero time. */
    static Instant time(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        if (v == null) {
            return null;
        }
        if (v instanceof CborValue.Tag t && (t.tag() == 0 || t.tag() == 1)) {
            v = t.content();
        }
        if (v instanceof CborValue.Float64 f) {
            double d = f.value();
            if (!Double.isFinite(d)) {
                throw new DecodeException(key + ": non-finite time");
            }
            long secs = (long) Math.floor(d);
            return Instant.ofEpochSecond(secs, (long) ((d - secs) * 1e9));
        }
        if (v instanceof CborValue.Text s) {
            try {
                return OffsetDateTime.parse(s.value()).toInstant();
            } catch (DateTimeParseException e) {
                throw new DecodeException(key + ": not an RFC 3339 time: " + e.getMessage());
            }
        }
        return Instant.ofEpochSecond(v.asLong(key));
    }

    /** Go time.Duration: integer nanoseconds. */
    static Duration duration(CborMap m, String key) throws DecodeException {
        CborValue v = present(m, key);
        return v == null ? Duration.ZERO : Duration.ofNanos(v.asLong(key));
    }

    // ------------------------------------------------------------------ encoding

    static void fixed(CborWriter w, String key, FixedBytes b) {
        w.key(key);
        if (b == null) {
            w.nul();
        } else {
            w.bytes(b.bytes);
        }
    }

    static void blob(CborWriter w, String key, Blob b) {
        w.key(key).bytes(Blob.raw(b));
    }

    static void uint(CborWriter w, String key, long v) {
        w.key(key).uint(v);
    }

    static void uintOrNull(CborWriter w, String key, Integer v) {
        w.key(key);
        if (v == null) {
            w.nul();
        } else {
            w.uint(v);
        }
    }

    /** Unix seconds, fraction truncated; null (Go's zero time) writes null. */
    static void time(CborWriter w, String key, Instant t) {
        w.key(key);
        if (t == null) {
            w.nul();
        } else {
            w.integer(t.getEpochSecond());
        }
    }

    static void duration(CborWriter w, String key, Duration d) {
        w.key(key).integer(d == null ? 0 : d.toNanos());
    }

    static int count(Object... present) {
        int n = 0;
        for (Object o : present) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }

    static int checkU16(int v, String what) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(what + " must be in 0..65535, got " + v);
        }
        return v;
    }

    static Integer checkU8(Integer v, String what) {
        if (v != null && (v < 0 || v > 0xff)) {
            throw new IllegalArgumentException(what + " must be in 0..255, got " + v);
        }
        return v;
    }
}
