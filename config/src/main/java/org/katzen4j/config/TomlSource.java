package org.katzen4j.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.toml.TomlReadFeature;

/**
 * One TOML file being loaded: its parsed tree, the key positions, the options, and the problems found
 * so far. Loaders read it through {@link TomlTable}s and call {@link #error} / {@link #warning}; at the
 * end {@link #throwIfErrors()} turns the errors into a {@link ConfigException}.
 */
final class TomlSource {

    private static final TomlMapper MAPPER = TomlMapper.builder()
            .enable(TomlReadFeature.PARSE_JAVA_TIME)
            .build();

    /** Far above any real configuration (genconfig's are about 20 KiB). */
    static final long MAX_FILE_SIZE = 16L << 20;

    final String file;
    final LoadOptions options;
    private final TomlPositions positions;
    private final ObjectNode root;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private TomlSource(String file, LoadOptions options, TomlPositions positions, ObjectNode root) {
        this.file = file;
        this.options = options;
        this.positions = positions;
        this.root = root;
    }

    /** Reads and parses a file; the problem's file name is the path as given. */
    static TomlSource read(Path path, LoadOptions options) throws ConfigException {
        String name = path.toString();
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_SIZE) {
                throw new ConfigException(new ConfigProblem(name, 0, 0, "", ConfigProblem.Kind.IO,
                        "file is larger than " + MAX_FILE_SIZE + " bytes; not a configuration file"));
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(name, 0, 0, "", ConfigProblem.Kind.IO,
                    "cannot read file: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigProblem(name, 0, 0, "", ConfigProblem.Kind.SYNTAX,
                    "file is not valid UTF-8"));
        }
        return parse(text, name, options);
    }

    /** Parses TOML text; {@code file} names it in problems. */
    static TomlSource parse(String text, String file, LoadOptions options) throws ConfigException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            int line = loc == null || loc.getLineNr() < 0 ? 0 : loc.getLineNr();
            int col = loc == null || loc.getColumnNr() < 0 ? 0 : loc.getColumnNr();
            throw new ConfigException(new ConfigProblem(file, line, line == 0 ? 0 : col, "",
                    ConfigProblem.Kind.SYNTAX, "invalid TOML: " + e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = MAPPER.createObjectNode();
        }
        if (!(tree instanceof ObjectNode obj)) {
            throw new ConfigException(new ConfigProblem(file, 0, 0, "", ConfigProblem.Kind.SYNTAX,
                    "invalid TOML: top level is not a table"));
        }
        return new TomlSource(file, options, TomlPositions.scan(text), obj);
    }

    /** The top-level table; keys match field names case-insensitively, as BurntSushi TOML does. */
    TomlTable root() {
        return new TomlTable(this, root, "", true);
    }

    private ConfigProblem problem(String key, ConfigProblem.Kind kind, String message, boolean exactOnly) {
        TomlPositions.Pos pos = exactOnly ? positions.exact(key) : positions.find(key);
        return new ConfigProblem(file, pos == null ? 0 : pos.line(), pos == null ? 0 : pos.column(), key, kind, message);
    }

    /** An error at the key (or, if the key is absent from the file, at its nearest enclosing table). */
    void error(String key, ConfigProblem.Kind kind, String message) {
        errors.add(problem(key, kind, message, false));
    }

    void warning(String key, ConfigProblem.Kind kind, String message) {
        warnings.add(problem(key, kind, message, false));
    }

    /** A key no field takes: an error in strict mode, otherwise a warning (the reference ignores it). */
    void unknownKey(String key, String where) {
        String msg = "unknown key" + (where.isEmpty() ? "" : " in " + where)
                + (options.strictKeys() ? "" : " (ignored, as the reference does)");
        if (options.strictKeys()) {
            errors.add(problem(key, ConfigProblem.Kind.UNKNOWN_KEY, msg, false));
        } else {
            warnings.add(problem(key, ConfigProblem.Kind.UNKNOWN_KEY, msg, false));
        }
    }

    int errorCount() {
        return errors.size();
    }

    /** True if an error was reported at the path or anywhere below it. */
    boolean hasErrorUnder(String path) {
        for (ConfigProblem p : errors) {
            String k = p.key();
            if (k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Problems without a position (whole missing sections) first, then in file order. */
    private static final java.util.Comparator<ConfigProblem> FILE_ORDER = java.util.Comparator
            .comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    List<ConfigProblem> errors() {
        return errors.stream().sorted(FILE_ORDER).toList();
    }

    List<ConfigProblem> warnings() {
        return warnings.stream().sorted(FILE_ORDER).toList();
    }

    void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors());
        }
    }
}
