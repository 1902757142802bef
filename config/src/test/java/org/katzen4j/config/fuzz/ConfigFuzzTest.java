package org.katzen4j.config.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import org.katzen4j.config.ClientConfig;
import org.katzen4j.config.ConfigException;
import org.katzen4j.config.ConfigReport;
import org.katzen4j.config.LoadOptions;
import org.katzen4j.config.ThinClientConfig;

/**
 * Fuzzes the TOML configuration loaders with arbitrary text (the input bytes read as UTF-8, as a file would
 * be). Only {@link ConfigException} may come out of {@code parse}; {@code check} must never throw and must
 * agree with {@code parse} on whether the text is acceptable.
 *
 * <p>Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/config/fuzz/ConfigFuzzTestInputs/} are replayed.
 */
class ConfigFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void clientConfig(byte[] data) {
        String toml = new String(data, StandardCharsets.UTF_8);
        for (LoadOptions options : new LoadOptions[] {LoadOptions.DEFAULT, LoadOptions.STRICT}) {
            boolean parsed;
            try {
                assertThat(ClientConfig.parse(toml, "fuzz.toml", options)).isNotNull();
                parsed = true;
            } catch (ConfigException expected) {
                parsed = false;
            }
            ConfigReport<ClientConfig> report = ClientConfig.check(toml, "fuzz.toml", options);
            assertThat(isOk(report)).as("check agrees with parse").isEqualTo(parsed);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void thinClientConfig(byte[] data) {
        String toml = new String(data, StandardCharsets.UTF_8);
        for (LoadOptions options : new LoadOptions[] {LoadOptions.DEFAULT, LoadOptions.STRICT}) {
            boolean parsed;
            try {
                assertThat(ThinClientConfig.parse(toml, "thinclient.toml", options)).isNotNull();
                parsed = true;
            } catch (ConfigException expected) {
                parsed = false;
            }
            ConfigReport<ThinClientConfig> report = ThinClientConfig.check(toml, "thinclient.toml", options);
            assertThat(isOk(report)).as("check agrees with parse").isEqualTo(parsed);
        }
    }

    private static boolean isOk(ConfigReport<?> report) {
        return report.ok();
    }
}
