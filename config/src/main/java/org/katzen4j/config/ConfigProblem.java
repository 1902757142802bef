package org.katzen4j.config;

import java.util.Objects;

/**
 * One thing wrong with (or worth warning about in) a configuration file: where it is and what it is.
 *
 * @param file   the file name as given to the loader (or a label such as {@code "<string>"})
 * @param line   1-based line, or 0 when no position is known (e.g. a missing key)
 * @param column 1-based column, or 0 when unknown
 * @param key    dotted key path such as {@code PinnedGateways.Gateways[0].LinkKey}; {@code ""} for the
 *               file as a whole (syntax errors, I/O)
 * @param kind   the category
 * @param message what is wrong, without the location prefix
 */
public record ConfigProblem(String file, int line, int column, String key, Kind kind, String message) {

    /** Categories of configuration problems. */
    public enum Kind {
        /** The file could not be read. */
        IO,
        /** The file is not valid TOML. */
        SYNTAX,
        /** A value has the wrong TOML type (string where an integer belongs, ...). */
        TYPE,
        /** A required section or key is absent. */
        MISSING,
        /** A value has the right type but is not acceptable. */
        INVALID,
        /** A key the reference does not know (an error in strict mode, otherwise a warning). */
        UNKNOWN_KEY,
        /** Accepted by the reference but not usable by katzen4j (e.g. a scheme we do not implement). */
        UNSUPPORTED
    }

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }

    /** {@code file:line:column: key: message}, leaving out whatever is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(message).toString();
    }
}
