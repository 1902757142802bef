package org.katzen4j.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed reads from one TOML table with Go decoding rules: a key that is absent leaves the Go zero
 * value (callers get {@link Optional#empty()}); a key with the wrong TOML type is an error naming the
 * key; integers must fit the Java field. Each read records the field name as known, and
 * {@link #finish(String)} reports every other key as unknown.
 *
 * <p>{@code foldCase} selects BurntSushi's struct rule (a field matches a key exactly, else
 * case-insensitively); custom {@code UnmarshalTOML} methods in the reference look keys up in a Go
 * map, which is case-sensitive.
 */
final class TomlTable {

    private final TomlSource src;
    private final ObjectNode node;
    private final String path;
    private final boolean foldCase;
    private final Set<String> knownFields = new LinkedHashSet<>();

    TomlTable(TomlSource src, ObjectNode node, String path, boolean foldCase) {
        this.src = src;
        this.node = node;
        this.path = path;
        this.foldCase = foldCase;
    }

    /** This table's own path ("" for the top level). */
    String path() {
        return path;
    }

    TomlSource source() {
        return src;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The file's spelling of a field's key, or null if absent. */
    private String actualKey(String field) {
        if (node.has(field)) {
            return field;
        }
        if (foldCase) {
            for (String k : node.propertyNames()) {
                if (k.equalsIgnoreCase(field)) {
                    return k;
                }
            }
        }
        return null;
    }

    /** Marks fields as known without reading them (kept for strict-mode checks only). */
    void known(String... fields) {
        knownFields.addAll(List.of(fields));
    }

    boolean has(String field) {
        knownFields.add(field);
        return actualKey(field) != null;
    }

    /** The path of a field as the file spells it (or the field name when absent). */
    String fieldPath(String field) {
        String k = actualKey(field);
        return keyPath(k == null ? field : k);
    }

    /**
     * In a case-sensitive table, a key that differs from a missing field only in case: reported as a
     * hint, since the reference would not see it.
     */
    String caseHint(String field) {
        if (foldCase) {
            return "";
        }
        for (String k : node.propertyNames()) {
            if (!k.equals(field) && k.equalsIgnoreCase(field)) {
                return " (found '" + k + "': keys in this table are case-sensitive)";
            }
        }
        return "";
    }

    private JsonNode raw(String field) {
        knownFields.add(field);
        String k = actualKey(field);
        return k == null ? null : node.get(k);
    }

    static String typeName(JsonNode v) {
        if (v.isString()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "float";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "table";
        }
        if (v.isPojo()) {
            return "date-time";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private void typeError(String field, String want, JsonNode got) {
        src.error(fieldPath(field), ConfigProblem.Kind.TYPE, "expected " + want + ", got " + typeName(got));
    }

    Optional<String> string(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isString()) {
            typeError(field, "a string", v);
            return Optional.empty();
        }
        return Optional.of(v.stringValue());
    }

    Optional<Boolean> bool(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            typeError(field, "a boolean", v);
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    /** A TOML integer that fits a Java int (Go's int is 64-bit; larger values are rejected here). */
    Optional<Integer> integer(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber()) {
            typeError(field, "an integer", v);
            return Optional.empty();
        }
        BigInteger b = v.bigIntegerValue();
        if (b.bitLength() > 31) {
            src.error(fieldPath(field), ConfigProblem.Kind.INVALID, "integer " + b + " is out of range");
            return Optional.empty();
        }
        return Optional.of(b.intValue());
    }

    /** A sub-table (struct field). A value that is not a table is a type error. */
    Optional<TomlTable> table(String field, boolean childFoldCase) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ObjectNode o)) {
            typeError(field, "a table", v);
            return Optional.empty();
        }
        return Optional.of(new TomlTable(src, o, fieldPath(field), childFoldCase));
    }

    /** An array of tables ({@code [[X]]} or an array of inline tables). */
    Optional<List<TomlTable>> tables(String field, boolean childFoldCase) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            typeError(field, "an array of tables", v);
            return Optional.empty();
        }
        String p = fieldPath(field);
        List<TomlTable> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e instanceof ObjectNode o) {
                out.add(new TomlTable(src, o, p + "[" + i + "]", childFoldCase));
            } else {
                src.error(p + "[" + i + "]", ConfigProblem.Kind.TYPE, "expected a table, got " + typeName(e));
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    /** An array whose elements must all be strings. */
    Optional<List<String>> strings(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            typeError(field, "an array of strings", v);
            return Optional.empty();
        }
        String p = fieldPath(field);
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isString()) {
                out.add(e.stringValue());
            } else {
                src.error(p + "[" + i + "]", ConfigProblem.Kind.TYPE, "expected a string, got " + typeName(e));
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    /** The raw value as plain Java data (maps, lists, strings, numbers, booleans, date-times). */
    Optional<Object> plain(String field) {
        JsonNode v = raw(field);
        return v == null ? Optional.empty() : Optional.of(toPlain(v));
    }

    static Object toPlain(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                m.put(e.getKey(), toPlain(e.getValue()));
            }
            return java.util.Collections.unmodifiableMap(m);
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode e : v) {
                l.add(toPlain(e));
            }
            return java.util.Collections.unmodifiableList(l);
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            BigInteger b = v.bigIntegerValue();
            return b.bitLength() <= 63 ? (Object) b.longValue() : b;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isPojo()) {
            return ((tools.jackson.databind.node.POJONode) v).getPojo();
        }
        return v.toString();
    }

    /**
     * Reports every key of this table that no read or {@link #known} claimed: an error in strict
     * mode, a warning otherwise. {@code where} names the table for the message.
     */
    void finish(String where) {
        for (String k : node.propertyNames()) {
            boolean claimed = knownFields.contains(k);
            if (!claimed && foldCase) {
                for (String f : knownFields) {
                    if (f.equalsIgnoreCase(k)) {
                        claimed = true;
                        break;
                    }
                }
            }
            if (!claimed) {
                src.unknownKey(keyPath(k), where);
            }
        }
    }

    /** The keys present in the file, in file order. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.propertyNames().forEach(out::add);
        return out;
    }
}
