package org.katzen4j.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.crypto.KeyHash;

/**
 * Reads and writes CBOR values the way the reference's Go structs map to them (fxamacker/cbor
 * decoding rules): an absent key or CBOR null gives the zero value, a nil slice or map is kept
 * apart from an empty one (Java null) so that re-encoding gives the same bytes, integers are
 * range checked against the Go field type.
 */
final class GoFields {
    private GoFields() {
    }

    static final long UINT64 = -1L; // marker: full unsigned 64-bit range

    /**
     * {@link CborMap#get(String)} (an exact key match wins, else the first case-insensitive one),
     * with the common case first: an exact match found without lower-casing every key of the map.
     */
    static CborValue field(CborMap m, String key) {
        for (Map.Entry<CborValue, CborValue> e : m.entries()) {
            if (e.getKey() instanceof CborValue.Text t && t.value().equals(key)) {
                return e.getValue();
            }
        }
        CborValue v = m.get(key);
        return v == null ? CborValue.Null.INSTANCE : v;
    }

    static long uint(CborMap m, String key, long max) throws DecodeException {
        CborValue v = field(m, key);
        if (v.isNull()) {
            return 0;
        }
        if (max == UINT64) {
            if (v instanceof CborValue.UInt u) {
                return u.bits();
            }
            throw new DecodeException(key + ": expected unsigned integer, got " + v.typeName());
        }
        return v.asUnsigned(key, max);
    }

    static double float64(CborMap m, String key) throws DecodeException {
        CborValue v = field(m, key);
        if (v.isNull()) {
            return 0;
        }
        if (v instanceof CborValue.Float64 f) {
            return f.value();
        }
        // The reference decoder also fills float fields from integers.
        if (v instanceof CborValue.UInt u) {
            return u.bits() >= 0 ? (double) u.bits() : new java.math.BigInteger(Long.toUnsignedString(u.bits())).doubleValue();
        }
        if (v instanceof CborValue.NInt n) {
            return n.bits() >= 0 ? -1.0 - n.bits() : -1.0 - new java.math.BigInteger(Long.toUnsignedString(n.bits())).doubleValue();
        }
        throw new DecodeException(key + ": expected float, got " + v.typeName());
    }

    static boolean bool(CborMap m, String key) throws DecodeException {
        CborValue v = field(m, key);
        return !v.isNull() && v.asBool(key);
    }

    static String text(CborMap m, String key) throws DecodeException {
        CborValue v = field(m, key);
        return v.isNull() ? "" : v.asText(key);
    }

    static byte[] bytes(CborMap m, String key) throws DecodeException {
        return bytes(field(m, key), key);
    }

    static byte[] bytes(CborValue v, String what) throws DecodeException {
        return v.isNull() ? null : v.asBytes(what);
    }

    static CborMap mapOrNull(CborMap m, String key) throws DecodeException {
        CborValue v = field(m, key);
        return v.isNull() ? null : v.asMap(key);
    }

    static List<CborValue> arrayOrNull(CborMap m, String key) throws DecodeException {
        CborValue v = field(m, key);
        return v.isNull() ? null : v.asArray(key);
    }

    /** map[uint64][]byte; keys kept in ascending unsigned order. */
    static Map<Long, byte[]> uintKeyedBytes(CborMap m, String key) throws DecodeException {
        CborMap map = mapOrNull(m, key);
        if (map == null) {
            return null;
        }
        Map<Long, byte[]> out = new TreeMap<>(Long::compareUnsigned);
        for (Map.Entry<CborValue, CborValue> e : map.entries()) {
            if (!(e.getKey() instanceof CborValue.UInt u)) {
                throw new DecodeException(key + ": expected unsigned integer key, got " + e.getKey().typeName());
            }
            out.put(u.bits(), bytes(e.getValue(), key + " value"));
        }
        return Collections.unmodifiableMap(out);
    }

    /** map[string][]string. */
    static Map<String, List<String>> addresses(CborMap m, String key) throws DecodeException {
        CborMap map = mapOrNull(m, key);
        if (map == null) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<CborValue, CborValue> e : map.entries()) {
            String transport = e.getKey().asText(key + " key");
            if (e.getValue().isNull()) {
                out.put(transport, null);
                continue;
            }
            List<String> urls = new ArrayList<>();
            for (CborValue u : e.getValue().asArray(key + " value")) {
                urls.add(u.isNull() ? "" : u.asText(key + " address"));
            }
            out.put(transport, Collections.unmodifiableList(urls));
        }
        return Collections.unmodifiableMap(out);
    }

    /** map[string]map[string]interface{} with the any-typed values kept as CBOR items. */
    static Map<String, Map<String, CborValue>> capabilityMap(CborMap m, String key) throws DecodeException {
        CborMap map = mapOrNull(m, key);
        if (map == null) {
            return null;
        }
        Map<String, Map<String, CborValue>> out = new LinkedHashMap<>();
        for (Map.Entry<CborValue, CborValue> e : map.entries()) {
            String capability = e.getKey().asText(key + " key");
            if (e.getValue().isNull()) {
                out.put(capability, null);
                continue;
            }
            Map<String, CborValue> params = new LinkedHashMap<>();
            for (Map.Entry<CborValue, CborValue> p : e.getValue().asMap(key + " value").entries()) {
                params.put(p.getKey().asText(key + " parameter name"), p.getValue());
            }
            out.put(capability, Collections.unmodifiableMap(params));
        }
        return Collections.unmodifiableMap(out);
    }

    // ---------------------------------------------------------------- writing

    static CborValue ofBytes(byte[] b) {
        return CborValue.of(b);
    }

    static CborValue ofUintKeyedBytes(Map<Long, byte[]> m) {
        if (m == null) {
            return CborValue.nul();
        }
        CborMap.Builder b = CborMap.builder();
        for (Map.Entry<Long, byte[]> e : m.entrySet()) {
            b.put(new CborValue.UInt(e.getKey()), CborValue.of(e.getValue()));
        }
        return b.build();
    }

    static CborValue ofAddresses(Map<String, List<String>> m) {
        if (m == null) {
            return CborValue.nul();
        }
        CborMap.Builder b = CborMap.builder();
        for (Map.Entry<String, List<String>> e : m.entrySet()) {
            if (e.getValue() == null) {
                b.put(e.getKey(), CborValue.nul());
            } else {
                b.put(e.getKey(), new CborValue.Array(e.getValue().stream().map(CborValue::of).toList()));
            }
        }
        return b.build();
    }

    static CborValue ofCapabilityMap(Map<String, Map<String, CborValue>> m) {
        if (m == null) {
            return CborValue.nul();
        }
        CborMap.Builder b = CborMap.builder();
        for (Map.Entry<String, Map<String, CborValue>> e : m.entrySet()) {
            if (e.getValue() == null) {
                b.put(e.getKey(), CborValue.nul());
                continue;
            }
            CborMap.Builder inner = CborMap.builder();
            e.getValue().forEach(inner::put);
            b.put(e.getKey(), inner.build());
        }
        return b.build();
    }

    // ---------------------------------------------------------------- misc

    /** The reference key hash: unkeyed BLAKE2b with a 32-byte digest over the raw key bytes. */
    static byte[] keyHash(byte[] rawKey) {
        return KeyHash.of(rawKey);
    }

    static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return a != null && b != null && java.security.MessageDigest.isEqual(a, b);
    }

    static Map<Long, byte[]> copyKeys(Map<Long, byte[]> m) {
        if (m == null) {
            return null;
        }
        Map<Long, byte[]> out = new TreeMap<>(Long::compareUnsigned);
        m.forEach((k, v) -> out.put(k, copy(v)));
        return Collections.unmodifiableMap(out);
    }

    static String hexPrefix(byte[] b) {
        if (b == null) {
            return "null";
        }
        return java.util.HexFormat.of().formatHex(Arrays.copyOf(b, Math.min(b.length, 8)));
    }
}
