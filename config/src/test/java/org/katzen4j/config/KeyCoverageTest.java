package org.katzen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * No silent drops: for every key (leaf value) that genconfig writes, changing that one value in the
 * file either changes the loaded configuration or makes the load fail. A key that loaded into no
 * field would do neither. Also checks that the position index knows every key.
 */
class KeyCoverageTest {

    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (String v : Resources.VARIANTS) {
            out.add(Arguments.of(v, "client.toml"));
            out.add(Arguments.of(v, "thinclient.toml"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("files")
    void everyWrittenValueReachesTheConfig(String variant, String file) throws Exception {
        String text = Files.readString(Resources.genconfig(variant, file));
        Function<String, ConfigReport<?>> load = file.equals("client.toml")
                ? t -> ClientConfig.check(t, file, LoadOptions.DEFAULT)
                : t -> {
                    try {
                        return new ConfigReport<>(java.util.Optional.of(ThinClientConfig.parse(t, file, LoadOptions.DEFAULT)),
                                List.of(), List.of());
                    } catch (ConfigException e) {
                        return ConfigReport.failed(e);
                    }
                };
        Object original = load.apply(text).orThrow();

        List<String> leaves = new ArrayList<>();
        collect(new TomlMapper().readTree(text), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(file.equals("client.toml") ? 50 : 20);

        TomlPositions positions = TomlPositions.scan(text);
        for (String leaf : leaves) {
            TomlPositions.Pos pos = positions.exact(leaf);
            assertThat(pos).as("position of " + leaf).isNotNull();
            String mutated = mutate(text, pos, leaf);
            ConfigReport<?> r = load.apply(mutated);
            assertThat(!r.ok() || !r.config().orElseThrow().equals(original))
                    .as("changing " + leaf + " (line " + pos.line() + ") changed nothing: the key is dropped")
                    .isTrue();
        }
    }

    private static void collect(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path);
        }
    }

    /** Changes the value of the key at pos: strings gain a character, numbers grow, booleans flip. */
    private static String mutate(String text, TomlPositions.Pos pos, String leaf) {
        int lineStart = 0;
        for (int l = 1; l < pos.line(); l++) {
            lineStart = text.indexOf('\n', lineStart) + 1;
        }
        int eq = text.indexOf('=', lineStart + pos.column() - 1);
        int v = eq + 1;
        while (text.charAt(v) == ' ') {
            v++;
        }
        int eol = text.indexOf('\n', v);
        String value = text.substring(v, eol);
        String replacement;
        if (value.startsWith("\"")) {
            replacement = "\"Z" + value.substring(1);
        } else if (value.startsWith("[")) {
            int q = value.indexOf('"');
            assertThat(q).as("array value of " + leaf).isPositive();
            replacement = value.substring(0, q + 1) + "Z" + value.substring(q + 1);
        } else if (value.equals("true") || value.equals("false")) {
            replacement = value.equals("true") ? "false" : "true";
        } else {
            replacement = Long.toString(Long.parseLong(value.strip()) + 1);
        }
        return text.substring(0, v) + replacement + text.substring(eol);
    }
}
