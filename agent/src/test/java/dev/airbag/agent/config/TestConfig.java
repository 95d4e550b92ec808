package dev.airbag.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration for tests that names only the keys a test cares about; every other key has the key table's
 * default. Loaded as the agent loads {@code -D} properties, so the table's bounds apply: a value the table refuses
 * fails the test instead of silently becoming the default.
 */
public final class TestConfig {
  private TestConfig() {}

  /** {@code with("airbag.export.batch-size", "10", "airbag.export.flush-interval", "20ms")}; values as text. */
  public static AirbagConfig with(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(String.valueOf(keysAndValues[i]), String.valueOf(keysAndValues[i + 1]));
    }
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, properties, Map.of()));
    if (!config.problems().isEmpty()) {
      throw new IllegalArgumentException("test configuration has problems: " + config.problems());
    }
    return config;
  }
}
