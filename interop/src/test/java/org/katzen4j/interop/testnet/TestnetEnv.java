package org.katzen4j.interop.testnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code KEY=value} settings {@code interop/testnet up} records in {@code testnet.env}. */
record TestnetEnv(Map<String, String> values) {

  TestnetEnv {
    values = Map.copyOf(values);
  }

  static TestnetEnv parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return new TestnetEnv(m);
  }

  static TestnetEnv read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  String get(String key) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException("testnet.env has no " + key + ": " + values.keySet());
    }
    return v;
  }

  /** The epoch period as the script writes it ({@code 2m}, {@code 90s}, {@code 1h}). */
  Duration epochPeriod() {
    String e = get("EPOCH");
    long n = Long.parseLong(e.substring(0, e.length() - 1));
    return switch (e.charAt(e.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalStateException("unexpected EPOCH " + e);
    };
  }
}
