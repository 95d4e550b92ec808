package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Category;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigPrecedenceTest {
  @TempDir
  Path dir;

  @Test
  void systemPropertyBeatsEnvironmentBeatsFileBeatsDefault() {
    Path file = ConfigFiles.write(dir, "airbag.retry.max-attempts=2");
    String args = ConfigFiles.agentArgs(file);
    Map<String, String> property = Map.of("airbag.retry.max-attempts", "5");
    Map<String, String> env = Map.of("AIRBAG_RETRY_MAX_ATTEMPTS", "7");

    assertEquals(3, attempts(ConfigSources.of(null, Map.of(), Map.of())));
    assertEquals(2, attempts(ConfigSources.of(args, Map.of(), Map.of())));
    assertEquals(7, attempts(ConfigSources.of(args, Map.of(), env)));
    assertEquals(5, attempts(ConfigSources.of(args, property, env)));
  }

  @Test
  void theWinningSourceIsNamedInDescribe() {
    Path file = ConfigFiles.write(dir, "airbag.retry.max-attempts=2", "airbag.circuit.window=40");
    ConfigSources sources = ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(),
        Map.of("AIRBAG_RETRY_MAX_ATTEMPTS", "7"));

    String description = AirbagConfig.load(sources).describe();

    assertTrue(description.contains("airbag.retry.max-attempts = 7   (environment AIRBAG_RETRY_MAX_ATTEMPTS)\n"),
        description);
    assertTrue(description.contains("airbag.circuit.window = 40   (file " + file + ")\n"), description);
    assertTrue(description.contains("airbag.retry.jitter = sdk   (default)\n"), description);
  }

  @Test
  void theFileIsFoundThroughTheAgentArgumentThenThePropertyThenTheEnvironment() {
    Path first = ConfigFiles.writeNamed(dir, "first.properties", "airbag.circuit.window=1");
    Path other = ConfigFiles.writeNamed(dir, "other.properties", "airbag.circuit.window=2");

    AirbagConfig byArgument = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(first),
        Map.of("airbag.config", other.toString()), Map.of("AIRBAG_CONFIG", other.toString())));
    AirbagConfig byProperty = AirbagConfig.load(ConfigSources.of(null,
        Map.of("airbag.config", other.toString()), Map.of("AIRBAG_CONFIG", first.toString())));
    AirbagConfig byEnvironment = AirbagConfig.load(ConfigSources.of("", Map.of(),
        Map.of("AIRBAG_CONFIG", other.toString())));

    assertEquals(1, byArgument.get(ConfigKeys.CIRCUIT_WINDOW));
    assertEquals("file " + first.toAbsolutePath().normalize(), byArgument.origin());
    assertEquals(2, byProperty.get(ConfigKeys.CIRCUIT_WINDOW));
    assertEquals(2, byEnvironment.get(ConfigKeys.CIRCUIT_WINDOW));
    assertEquals(List.of(), byEnvironment.problems());
  }

  @Test
  void withoutAFileEveryKeyHasItsDefaultAndTheOriginSaysSo() {
    AirbagConfig config = AirbagConfig.defaults();

    assertEquals("no config file", config.origin());
    assertEquals(List.of(), config.problems());
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertEquals(key.defaultValue(), config.get(key), key.name());
    }
    assertEquals(Duration.ofMillis(500), config.get(ConfigKeys.RETRY_BASE_DELAY));
    assertEquals(null, config.get(ConfigKeys.TIMEOUT_FIRST_BYTE));
    assertEquals(64 * 1024, config.get(ConfigKeys.CLASSIFY_MAX_BODY_BYTES));
    assertEquals(EnumSet.of(Category.OVERLOADED, Category.TRANSIENT, Category.RATE_LIMITED, Category.TIMEOUT,
        Category.CIRCUIT_OPEN, Category.NOT_FOUND), config.get(ConfigKeys.FALLBACK_ON));
    assertEquals(10, config.get(ConfigKeys.PRESETS).size());
  }

  @ParameterizedTest(name = "{0} sets {1}")
  @CsvSource({
      "AIRBAG_ENABLED, airbag.enabled",
      "AIRBAG_LOG_LEVEL, airbag.log.level",
      "AIRBAG_RETRY_MAX_ATTEMPTS, airbag.retry.max-attempts",
      "AIRBAG_RETRY_BUDGET_MIN_PER_SECOND, airbag.retry.budget.min-per-second",
      "AIRBAG_CIRCUIT_FAILURE_RATE_THRESHOLD, airbag.circuit.failure-rate-threshold",
      "AIRBAG_CLASSIFY_MAX_BODY_BYTES, airbag.classify.max-body-bytes",
      "AIRBAG_FALLBACK_ON, airbag.fallback.on",
      "AIRBAG_TIMEOUT_FIRST_BYTE, airbag.timeout.first-byte",
      "AIRBAG_EXPORT_FILE_PATH, airbag.export.file.path",
  })
  void environmentNamesAreTheKeyUpperCasedWithUnderscores(String envName, String key) {
    ConfigKey<?> match = ConfigKeys.table().matchEnv(envName).key;

    assertEquals(key, match.name());
    assertEquals(envName, match.envName());
  }

  @Test
  void environmentValuesAreParsedLikeAnyOther() {
    Map<String, String> env = Map.of(
        "AIRBAG_ENABLED", "FALSE",
        "AIRBAG_RETRY_BASE_DELAY", "250ms",
        "AIRBAG_CLASSIFY_MAX_BODY_BYTES", "1MB",
        "AIRBAG_FALLBACK_ON", "overloaded, timeout",
        "AIRBAG_PRESETS", "openai,anthropic",
        "AIRBAG_CIRCUIT_SLOW_CALL_DURATION", "2s",
        "AIRBAG_RETRY_BUDGET_RATIO", "0.5");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(), env));

    assertEquals(List.of(), config.problems());
    assertEquals(false, config.get(ConfigKeys.ENABLED));
    assertEquals(Duration.ofMillis(250), config.get(ConfigKeys.RETRY_BASE_DELAY));
    assertEquals(1024 * 1024, config.get(ConfigKeys.CLASSIFY_MAX_BODY_BYTES));
    assertEquals(EnumSet.of(Category.OVERLOADED, Category.TIMEOUT), config.get(ConfigKeys.FALLBACK_ON));
    assertEquals(List.of("openai", "anthropic"), config.get(ConfigKeys.PRESETS));
    assertEquals(Duration.ofSeconds(2), config.get(ConfigKeys.CIRCUIT_SLOW_CALL_DURATION));
    assertEquals(0.5, config.get(ConfigKeys.RETRY_BUDGET_RATIO));
  }

  @Test
  void offAndNoneSwitchOffOptionalSettingsAndEmptyListsSelectNothing() {
    Map<String, String> properties = Map.of(
        "airbag.timeout.first-byte", "off",
        "airbag.circuit.slow-call-duration", "none",
        "airbag.presets", "none",
        "airbag.fallback.on", "");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, properties, Map.of()));

    assertEquals(List.of(), config.problems());
    assertEquals(null, config.get(ConfigKeys.TIMEOUT_FIRST_BYTE));
    assertEquals(null, config.get(ConfigKeys.CIRCUIT_SLOW_CALL_DURATION));
    assertEquals(List.of(), config.get(ConfigKeys.PRESETS));
    assertEquals(EnumSet.noneOf(Category.class), config.get(ConfigKeys.FALLBACK_ON));
  }

  @Test
  void variablesAreExpandedInFileAndPropertyValuesWithFallbacks() {
    Path file = ConfigFiles.write(dir,
        "airbag.service.name=${SERVICE}-${REGION:-eu}",
        "airbag.retry.max-attempts=${ATTEMPTS:-6}");
    Map<String, String> env = Map.of("SERVICE", "checkout", "DEADLINE", "45s");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file),
        Map.of("airbag.retry.deadline", "${DEADLINE}"), env));

    assertEquals(List.of(), config.problems());
    assertEquals("checkout-eu", config.get(ConfigKeys.SERVICE_NAME));
    assertEquals(6, config.get(ConfigKeys.RETRY_MAX_ATTEMPTS));
    assertEquals(Duration.ofSeconds(45), config.get(ConfigKeys.RETRY_DEADLINE));
  }

  @Test
  void environmentValuesAreNotExpandedAgain() {
    Map<String, String> env = Map.of("AIRBAG_SERVICE_NAME", "${literal}", "literal", "expanded");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(), env));

    assertEquals("${literal}", config.get(ConfigKeys.SERVICE_NAME));
  }

  @Test
  void anUndefinedVariableKeepsTheDefaultAndNamesKeyAndVariable() {
    Path file = ConfigFiles.write(dir, "airbag.retry.max-attempts=${ATTEMPTS}");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));

    assertEquals(3, config.get(ConfigKeys.RETRY_MAX_ATTEMPTS));
    assertEquals(List.of("airbag.retry.max-attempts = \"${ATTEMPTS}\" (file " + file + ") refers to the "
        + "environment variable ATTEMPTS, which is not set (write ${ATTEMPTS:-fallback} to give a fallback); "
        + "using the default 3"), config.problems());
  }

  private static int attempts(ConfigSources sources) {
    AirbagConfig config = AirbagConfig.load(sources);
    assertEquals(List.of(), config.problems());
    return config.get(ConfigKeys.RETRY_MAX_ATTEMPTS);
  }
}
