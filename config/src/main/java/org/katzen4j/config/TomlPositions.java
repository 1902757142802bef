package org.katzen4j.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a TOML text sits (line and column of the key, or of the table header). Jackson
 * parses the TOML into a tree without positions, so this small scanner walks the same text once
 * more and records the position of every key path. It runs only on text Jackson accepted, so it
 * assumes well-formed input and never throws; on anything surprising it simply records less.
 *
 * <p>Paths use the reference key names joined by dots, with the index of an array-of-tables element
 * or array element in brackets: {@code PinnedGateways.Gateways[1].LinkKey},
 * {@code VotingAuthority.Peers[0].Addresses}.
 */
final class TomlPositions {

    /** A position: 1-based line and column. */
    record Pos(int line, int column) {
    }

    private final Map<String, Pos> positions = new HashMap<>();

    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;

    /** Plain header path (no indices) → index of the current element, for arrays of tables. */
    private final Map<String, Integer> arrayTables = new HashMap<>();

    private TomlPositions(String text) {
        this.s = text;
    }

    static TomlPositions scan(String text) {
        TomlPositions p = new TomlPositions(text);
        try {
            p.document();
        } catch (RuntimeException e) {
            // Best effort: keep whatever was recorded before the surprise.
        }
        return p;
    }

    /**
     * The position of the path, or of its nearest recorded ancestor (a missing key is reported at
     * its table's header). Null if nothing on the way is known.
     */
    Pos find(String path) {
        String p = path;
        while (true) {
            Pos pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            p = p.substring(0, cut);
        }
    }

    /** The position of exactly this path, or null. */
    Pos exact(String path) {
        return positions.get(path);
    }

    // ------------------------------------------------------------------ scanner

    private boolean more() {
        return i < s.length();
    }

    private char peek() {
        return s.charAt(i);
    }

    private boolean at(String lit) {
        return s.startsWith(lit, i);
    }

    private Pos here() {
        return new Pos(line, i - lineStart + 1);
    }

    private void advance() {
        if (s.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
        }
        i++;
    }

    private void skipSpaces() {
        while (more() && (peek() == ' ' || peek() == '\t')) {
            i++;
        }
    }

    /** Skips spaces, newlines and comments. */
    private void skipBlank() {
        while (more()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else if (c == '#') {
                skipToEol();
            } else {
                return;
            }
        }
    }

    private void skipToEol() {
        while (more() && peek() != '\n') {
            i++;
        }
    }

    private void record(String path, Pos pos) {
        positions.putIfAbsent(path, pos);
    }

    private void document() {
        String table = "";
        while (true) {
            skipBlank();
            if (!more()) {
                return;
            }
            if (at("[[")) {
                Pos pos = here();
                i += 2;
                List<String> keys = keyPath();
                skipSpaces();
                if (at("]]")) {
                    i += 2;
                }
                String plain = String.join(".", keys);
                int idx = arrayTables.merge(plain, 0, (old, zero) -> old + 1);
                // Deeper tables that belonged to the previous element start afresh.
                arrayTables.keySet().removeIf(k -> k.startsWith(plain + "."));
                table = indexed(keys) ;
                record(table.substring(0, table.length() - ("[" + idx + "]").length()), pos);
                record(table, pos);
                skipToEol();
            } else if (peek() == '[') {
                Pos pos = here();
                i++;
                List<String> keys = keyPath();
                skipSpaces();
                if (more() && peek() == ']') {
                    i++;
                }
                table = indexed(keys);
                record(table, pos);
                skipToEol();
            } else {
                keyValue(table);
                skipToEol();
            }
        }
    }

    /** Joins a header's keys, inserting the current index after every array-of-tables prefix. */
    private String indexed(List<String> keys) {
        StringBuilder plain = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (String k : keys) {
            if (plain.length() > 0) {
                plain.append('.');
                out.append('.');
            }
            plain.append(k);
            out.append(k);
            Integer idx = arrayTables.get(plain.toString());
            if (idx != null) {
                out.append('[').append(idx).append(']');
            }
        }
        return out.toString();
    }

    private static String child(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** {@code key = value}: records the key (and nested keys of inline tables) under the prefix. */
    private void keyValue(String prefix) {
        Pos pos = here();
        List<String> keys = keyPath();
        String path = prefix;
        for (String k : keys) {
            path = child(path, k);
            record(path, pos);
        }
        skipSpaces();
        if (more() && peek() == '=') {
            i++;
        }
        skipSpaces();
        value(path);
    }

    /** A dotted key: bare or quoted parts separated by dots (whitespace allowed around dots). */
    private List<String> keyPath() {
        List<String> keys = new ArrayList<>();
        while (more()) {
            skipSpaces();
            if (!more()) {
                break;
            }
            char c = peek();
            if (c == '"') {
                keys.add(basicString());
            } else if (c == '\'') {
                keys.add(literalString());
            } else {
                int start = i;
                while (more() && isBareKeyChar(peek())) {
                    i++;
                }
                if (i == start) {
                    break;
                }
                keys.add(s.substring(start, i));
            }
            skipSpaces();
            if (more() && peek() == '.') {
                i++;
            } else {
                break;
            }
        }
        return keys;
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private void value(String path) {
        if (!more()) {
            return;
        }
        char c = peek();
        if (at("\"\"\"")) {
            multiline("\"\"\"", true);
        } else if (at("'''")) {
            multiline("'''", false);
        } else if (c == '"') {
            basicString();
        } else if (c == '\'') {
            literalString();
        } else if (c == '[') {
            array(path);
        } else if (c == '{') {
            inlineTable(path);
        } else {
            while (more()) {
                char d = peek();
                if (d == ',' || d == ']' || d == '}' || d == '#' || d == '\n' || d == '\r') {
                    break;
                }
                i++;
            }
        }
    }

    private void array(String path) {
        i++; // [
        int idx = 0;
        while (true) {
            skipBlank();
            if (!more()) {
                return;
            }
            char c = peek();
            if (c == ']') {
                i++;
                return;
            }
            if (c == ',') {
                i++;
                idx++;
                continue;
            }
            int before = i;
            String elem = path + "[" + idx + "]";
            record(elem, here());
            value(elem);
            if (i == before) {
                advance(); // never loop on an unexpected character
            }
        }
    }

    private void inlineTable(String path) {
        i++; // {
        while (true) {
            skipBlank();
            if (!more()) {
                return;
            }
            char c = peek();
            if (c == '}') {
                i++;
                return;
            }
            if (c == ',') {
                i++;
                continue;
            }
            int before = i;
            keyValue(path);
            if (i == before) {
                advance();
            }
        }
    }

    /** A single-line basic string; returns its content with the common escapes resolved. */
    private String basicString() {
        i++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (more() && peek() != '"' && peek() != '\n') {
            char c = peek();
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u', 'U' -> {
                        int n = e == 'u' ? 4 : 8;
                        if (i + n <= s.length()) {
                            try {
                                sb.appendCodePoint(Integer.parseInt(s.substring(i, i + n), 16));
                            } catch (IllegalArgumentException ex) {
                                // leave it out; Jackson already rejected bad escapes
                            }
                            i += n;
                        }
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        if (more() && peek() == '"') {
            i++;
        }
        return sb.toString();
    }

    private String literalString() {
        i++;
        int start = i;
        while (more() && peek() != '\'' && peek() != '\n') {
            i++;
        }
        String v = s.substring(start, i);
        if (more() && peek() == '\'') {
            i++;
        }
        return v;
    }

    private void multiline(String delim, boolean escapes) {
        i += 3;
        char q = delim.charAt(0);
        while (more()) {
            char c = peek();
            if (escapes && c == '\\' && i + 1 < s.length()) {
                i++;
                advance();
                continue;
            }
            if (at(delim)) {
                i += 3;
                // Up to two further quotes belong to the content ("""a""""" is valid).
                int extra = 0;
                while (extra < 2 && more() && peek() == q) {
                    i++;
                    extra++;
                }
                return;
            }
            advance();
        }
    }
}
