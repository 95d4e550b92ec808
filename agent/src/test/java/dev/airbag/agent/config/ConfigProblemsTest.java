package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigProblemsTest {
  @TempDir
  Path dir;

  @Test
  void aBadValueKeepsTheDefaultWithOneLineNamingKeyValueSourceAndAllowed() {
    Path file = ConfigFiles.write(dir, "airbag.retry.max-attempts=abc");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));

    assertEquals(3, config.get(ConfigKeys.RETRY_MAX_ATTEMPTS));
    assertEquals(List.of("airbag.retry.max-attempts = \"abc\" (file " + file + ") is not allowed: expected a "
        + "whole number from 1 to 20; using the default 3"), config.problems());
  }

  @Test
  void aFallbackKeyNamingABedrockModelIdIsReadWholeThoughItsColonWasNotEscaped() {
    Path file = ConfigFiles.write(dir,
        "airbag.fallback.anthropic.claude-3-5-sonnet-20240620-v1:0=amazon.nova-pro-v1:0, amazon.nova-lite-v1:0",
        "airbag.fallback.amazon.nova-pro-v1\\:0=amazon.nova-lite-v1:0");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));

    assertEquals(Map.of("anthropic.claude-3-5-sonnet-20240620-v1:0", List.of("amazon.nova-pro-v1:0",
        "amazon.nova-lite-v1:0"), "amazon.nova-pro-v1:0", List.of("amazon.nova-lite-v1:0")), config.fallbackChains());
    assertEquals(List.of("airbag.fallback.anthropic.claude-3-5-sonnet-20240620-v1:0: read as one key, though its ':'"
        + " ends a key in a properties file; write it airbag.fallback.anthropic.claude-3-5-sonnet-20240620-v1\\:0="
        + "amazon.nova-pro-v1:0, amazon.nova-lite-v1:0 to say so"), config.problems());
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "airbag.retry.max-attempts | 21 | expected a whole number from 1 to 20; using the default 3",
      "airbag.enabled | yes | expected true or false; using the default true",
      "airbag.log.level | verbose | expected one of error, warn, info, debug, trace, off; using the default info",
      "airbag.retry.base-delay | 500 | expected a duration like 250ms, 30s, 2m or 1h, from 1ms to 1m; "
          + "using the default 500ms",
      "airbag.timeout.first-byte | 0ms | expected a duration like 250ms, 30s, 2m or 1h, from 1ms to 10m "
          + "(or off); using the default off",
      "airbag.classify.max-body-bytes | 32MB | expected a size like 512, 64KB or 1MB, from 1KB to 16MB; "
          + "using the default 64KB",
      "airbag.retry.budget.ratio | 1.5 | expected a number from 0 to 1; using the default 0.2",
      "airbag.retry.budget.min-per-second | -1 | expected a number of at least 0; using the default 3",
      "airbag.presets | openai,bedrock | expected a comma-separated list of openai, anthropic, azure-openai, "
          + "gemini, mistral, groq, deepseek, openrouter, together, ollama (or none); using the default "
          + "openai,anthropic,azure-openai,gemini,mistral,groq,deepseek,openrouter,together,ollama",
      "airbag.fallback.on | overloaded,content_policy | expected a comma-separated list of categories from overloaded, "
          + "transient, rate_limited, quota_exhausted, timeout, not_found, circuit_open (or none); using the default "
          + "overloaded,transient,rate_limited,timeout,not_found,circuit_open",
      "airbag.fallback.on | overloaded,sleepy | expected a comma-separated list of categories from overloaded, "
          + "transient, rate_limited, quota_exhausted, timeout, not_found, circuit_open (or none); using the default "
          + "overloaded,transient,rate_limited,timeout,not_found,circuit_open",
      "airbag.service.name | '' | expected a service name; using the default (main class or jar name)",
  })
  void everyKindOfBadValueSaysWhatIsAllowedAndWhatHappens(String key, String value, String tail) {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(key, value), Map.of()));

    assertEquals(List.of(key + " = \"" + value + "\" (system property) is not allowed: " + tail),
        config.problems());
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(),
        Map.of("AIRBAG_CIRCUIT_WINDOW", "0")));

    assertEquals(List.of("airbag.circuit.window = \"0\" (environment AIRBAG_CIRCUIT_WINDOW) is not allowed: "
        + "expected a whole number from 1 to 1000; using the default 20"), config.problems());
  }

  @Test
  void anExpandedBadValueShowsWhatWasWritten() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null,
        Map.of("airbag.circuit.window", "${WINDOW}"), Map.of("WINDOW", "big")));

    assertEquals(List.of("airbag.circuit.window = \"big\" (system property, written \"${WINDOW}\") is not "
        + "allowed: expected a whole number from 1 to 1000; using the default 20"), config.problems());
  }

  @Test
  void anUnknownKeyFromTheFileGetsTheClosestKnownKey() {
    Path file = ConfigFiles.write(dir, "airbag.retry.max-attempt=3", "retry.deadline=10s");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));

    assertEquals(List.of(
        "unknown key airbag.retry.max-attempt (file " + file + "); did you mean airbag.retry.max-attempts? Ignored.",
        "unknown key retry.deadline (file " + file + "); did you mean airbag.retry.deadline? Ignored."),
        config.problems());
    assertEquals(3, config.get(ConfigKeys.RETRY_MAX_ATTEMPTS));
  }

  @ParameterizedTest(name = "{0} suggests {1}")
  @CsvSource({
      "airbag.retry.max-attempt, airbag.retry.max-attempts",
      "airbag.Retry.Jitter, airbag.retry.jitter",
      "airbag.circuit.enabeld, airbag.circuit.enabled",
      "airbag.endpoint.local.ulr, airbag.endpoint.local.url",
      "airbag.endpiont.local.provider, airbag.endpoint.local.provider",
      "airbag.fallbak.gpt-4o, airbag.fallback.gpt-4o",
      "airbag.classify.statuses.503, airbag.classify.status.503",
  })
  void anUnknownSystemPropertyGetsASuggestionIncludingFamilyShapes(String given, String suggested) {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(given, "x"), Map.of()));

    assertEquals(List.of("unknown key " + given + " (system property); did you mean " + suggested
        + "? Ignored."), config.problems());
  }

  @Test
  void aKeyFarFromAnyKnownKeyGetsNoSuggestion() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of("airbag.telemetry", "on"), Map.of()));

    assertEquals(List.of("unknown key airbag.telemetry (system property). Ignored."), config.problems());
  }

  @Test
  void anUnknownEnvironmentVariableGetsTheClosestEnvironmentName() {
    Map<String, String> env = Map.of("AIRBAG_RETRY_MAX_ATTEMPT", "3", "AIRBAG_ENDPOINT_LOCAL_ULR", "http://x",
        "PATH", "/bin");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(), env));

    assertEquals(List.of(
        "unknown key AIRBAG_ENDPOINT_LOCAL_ULR (environment); did you mean AIRBAG_ENDPOINT_LOCAL_URL? Ignored.",
        "unknown key AIRBAG_RETRY_MAX_ATTEMPT (environment); did you mean AIRBAG_RETRY_MAX_ATTEMPTS? Ignored."),
        config.problems());
  }

  @Test
  void theConfigFileNamesAreNotKeys() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of("airbag.config", ""),
        Map.of("AIRBAG_CONFIG", " ")));

    assertEquals(List.of(), config.problems());
    assertEquals("no config file", config.origin());
  }

  @Test
  void anUnreadableFileLeavesDefaultsAndOverridesInPlace() {
    Path missing = dir.resolve("nope").resolve("airbag.properties");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(missing),
        Map.of("airbag.circuit.window", "7"), Map.of()));

    assertEquals(List.of("cannot read config file " + missing + " (NoSuchFileException); using defaults, "
        + "system properties and environment"), config.problems());
    assertEquals("no config file (cannot read " + missing + ")", config.origin());
    assertEquals(7, config.get(ConfigKeys.CIRCUIT_WINDOW));
  }

  @Test
  void aDirectoryInsteadOfAFileIsReportedNotThrown() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(dir), Map.of(), Map.of()));

    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("cannot read config file " + dir + " ("), config.problems()
        .get(0));
  }

  @Test
  void unknownAgentArgumentsAreReportedAndConfigStillApplies() {
    Path file = ConfigFiles.write(dir, "airbag.circuit.window=9");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of("debug=true, " + ConfigFiles.agentArgs(file)
        + ",verbose", Map.of(), Map.of()));

    assertEquals(List.of(
        "unknown agent argument \"debug=true\"; the only agent argument is config=PATH. Ignored.",
        "unknown agent argument \"verbose\"; the only agent argument is config=PATH. Ignored."),
        config.problems());
    assertEquals(9, config.get(ConfigKeys.CIRCUIT_WINDOW));
  }

  @Test
  void aMalformedFileIsReportedNotThrown() {
    Path file = ConfigFiles.write(dir, "airbag.service.name=\\u12");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));

    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("cannot read config file " + file
        + " (IllegalArgumentException: "), config.problems().get(0));
  }
}
