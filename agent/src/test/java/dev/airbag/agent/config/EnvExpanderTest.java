package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvExpanderTest {
  private static final Map<String, String> ENV = Map.of("HOST", "collector", "PORT", "4318", "EMPTY", "");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "http://${HOST}:${PORT}/v1 | http://collector:4318/v1",
      "${MISSING:-fallback} | fallback",
      "${HOST:-fallback} | collector",
      "${EMPTY:-fallback} | fallback",
      "x${EMPTY}y | xy",
      "${MISSING:-} | ''",
      "no references | no references",
      "cost $5 and ${ unclosed | cost $5 and ${ unclosed",
  })
  void referencesExpandLikeAShell(String text, String expected) {
    EnvExpander.Result result = EnvExpander.expand(text, ENV);

    assertTrue(result.ok());
    assertEquals(expected, result.value);
  }

  @Test
  void theFirstUndefinedVariableWithoutFallbackIsReported() {
    EnvExpander.Result result = EnvExpander.expand("${HOST}:${NOPE}:${ALSO_NOPE}", ENV);

    assertFalse(result.ok());
    assertEquals("NOPE", result.undefinedVariable);
  }

  @Test
  void loadingNeverThrowsEvenWithoutSources() {
    AirbagConfig config = AirbagConfig.load(null);

    assertEquals(3, config.get(ConfigKeys.RETRY_MAX_ATTEMPTS));
    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("cannot load configuration ("), config.problems().toString());
    assertEquals(List.of(), AirbagConfig.load(ConfigSources.of(null, null, null)).problems());
  }
}
