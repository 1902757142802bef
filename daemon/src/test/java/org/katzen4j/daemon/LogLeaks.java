package org.katzen4j.daemon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Searches captured log text for any trace of known secret bytes (the log-hygiene tests). */
public final class LogLeaks {
    private LogLeaks() {
    }

    /**
     * Every way a secret could have reached the log: an 8-byte window as hex (any case), a 12-byte
     * window (4-byte steps) as Base64 or as raw Latin-1 text, or its first bytes as a Java array.
     */
    public static List<String> find(String log, Iterable<byte[]> secrets) {
        String lower = log.toLowerCase(Locale.ROOT);
        List<String> leaks = new ArrayList<>();
        for (byte[] s : secrets) {
            for (int i = 0; i + 8 <= s.length; i++) {
                String hex = HexFormat.of().formatHex(s, i, i + 8);
                if (lower.contains(hex)) {
                    leaks.add("hex window " + hex);
                }
            }
            for (int i = 0; i + 12 <= s.length; i += 4) {
                String b64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(s, i, i + 12));
                if (log.contains(b64)) {
                    leaks.add("base64 " + b64);
                }
                String latin1 = new String(s, i, 12, StandardCharsets.ISO_8859_1);
                if (log.contains(latin1)) {
                    leaks.add("raw bytes at " + i);
                }
            }
            String javaArray = Arrays.toString(Arrays.copyOf(s, 6)).replace("]", "");
            if (log.contains(javaArray)) {
                leaks.add("array " + javaArray);
            }
        }
        return leaks;
    }
}
