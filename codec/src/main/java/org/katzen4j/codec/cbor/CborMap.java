package org.katzen4j.codec.cbor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.katzen4j.codec.DecodeException;

/**
 * A CBOR map that keeps its entries in wire order and allows keys of any type. Lookups by text
 * key follow the Go decoder the reference uses: an exact match first, then a case-insensitive one.
 */
public final class CborMap implements CborValue {
    private final List<Map.Entry<CborValue, CborValue>> entries;

    public CborMap(List<Map.Entry<CborValue, CborValue>> entries) {
        List<Map.Entry<CborValue, CborValue>> copy = new ArrayList<>(entries.size());
        for (Map.Entry<CborValue, CborValue> e : entries) {
            copy.add(Map.entry(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue())));
        }
        this.entries = Collections.unmodifiableList(copy);
    }

    private CborMap(List<Map.Entry<CborValue, CborValue>> owned, boolean adopt) {
        this.entries = Collections.unmodifiableList(owned);
    }

    /**
     * For the reader: takes a list it built of {@code Map.entry} pairs (no nulls) and no longer
     * touches, without copying it again.
     */
    static CborMap adopt(List<Map.Entry<CborValue, CborValue>> owned) {
        return new CborMap(owned, true);
    }

    public List<Map.Entry<CborValue, CborValue>> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String typeName() {
        return "map";
    }

    /** The value under text key {@code key} (exact, else case-insensitive), or null if absent. */
    public CborValue get(String key) {
        // exact match anywhere first (the usual case, without lower-casing), then the first
        // case-insensitive one in wire order
        int n = entries.size(); // indexed: no iterator per lookup
        for (int i = 0; i < n; i++) {
            Map.Entry<CborValue, CborValue> e = entries.get(i);
            if (e.getKey() instanceof Text t && t.value().equals(key)) {
                return e.getValue();
            }
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (int i = 0; i < n; i++) {
            Map.Entry<CborValue, CborValue> e = entries.get(i);
            if (e.getKey() instanceof Text t && t.value().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The value under any key equal to {@code key}, or null. */
    public CborValue get(CborValue key) {
        for (Map.Entry<CborValue, CborValue> e : entries) {
            if (e.getKey().equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The value under text key {@code key}; absent is an error. */
    public CborValue require(String key) throws DecodeException {
        CborValue v = get(key);
        if (v == null) {
            throw new DecodeException("missing key \"" + key + "\"");
        }
        return v;
    }

    /** True if the key is absent or its value is null/undefined. */
    public boolean isAbsentOrNull(String key) {
        CborValue v = get(key);
        return v == null || v.isNull();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CborMap m && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<CborValue, CborValue> e : entries) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(": ").append(e.getValue());
        }
        return sb.append('}').toString();
    }

    /** Builds a map in insertion order, as a Go struct encodes its fields in declaration order. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();

        public Builder put(String key, CborValue value) {
            entries.add(Map.entry(new Text(key), value));
            return this;
        }

        public Builder put(CborValue key, CborValue value) {
            entries.add(Map.entry(key, value));
            return this;
        }

        public Builder put(String key, byte[] bytes) {
            return put(key, CborValue.of(bytes));
        }

        public Builder put(String key, String text) {
            return put(key, CborValue.of(text));
        }

        public Builder put(String key, long integer) {
            return put(key, CborValue.of(integer));
        }

        public Builder put(String key, boolean b) {
            return put(key, CborValue.of(b));
        }

        public CborMap build() {
            return new CborMap(entries);
        }
    }
}
