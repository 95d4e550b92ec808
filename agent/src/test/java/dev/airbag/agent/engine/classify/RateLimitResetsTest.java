package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitResetsTest {
  static final String RATE_LIMITED = OpenAiDialectTest.error("Rate limit reached for gpt-4o", "tokens",
      "rate_limit_exceeded");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "1s|1000",
      "6m0s|360000",
      "1h2m3.5s|3723500",
      "20ms|20",
      "0.5s|500",
      "1.2ms|2",
      "900us|1",
      "0s|0",
      "' 7s '|7000",
      "7|-1",
      "s|-1",
      "1x|-1",
      "1.2.3s|-1",
      "-1s|-1",
      "''|-1"})
  void goDurationsBecomeMillisRoundedUp(String text, long expected) {
    assertEquals(expected, RateLimitResets.parseGoDuration(text));
  }

  @Test
  void aHostileDurationIsRejectedWithoutWork() {
    assertEquals(-1, RateLimitResets.parseGoDuration("1s".repeat(100)));
  }

  @Test
  void aTokensLimit429WaitsForTheTokensReset() {
    Classification verdict = classify(Provider.OPENAI, 429, Map.of("x-ratelimit-remaining-requests", "59",
        "x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s"),
        utf8(RATE_LIMITED));

    assertEquals(Category.RATE_LIMITED, verdict.category());
    assertEquals(360_000, verdict.waitHintMillis());
  }

  @Test
  void aRequestsLimit429WaitsForTheRequestsReset() {
    Classification verdict = classify(Provider.OPENAI, 429, Map.of("x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "2.5s", "x-ratelimit-remaining-tokens", "1200", "x-ratelimit-reset-tokens", "6m0s"),
        utf8(RATE_LIMITED));

    assertEquals(2_500, verdict.waitHintMillis());
  }

  @Test
  void bothLimitsExhaustedWaitForTheLaterReset() {
    Classification verdict = classify(Provider.OPENAI, 429, Map.of("x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "2s", "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "9s"),
        utf8(RATE_LIMITED));

    assertEquals(9_000, verdict.waitHintMillis());
  }

  @Test
  void retryAfterStillWinsOverTheResetHeaders() {
    Classification verdict = classify(Provider.OPENAI, 429, Map.of("retry-after", "3",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s"), utf8(RATE_LIMITED));

    assertEquals(3_000, verdict.waitHintMillis());
  }

  @Test
  void resetHeadersOnAnythingButA429AreNoHint() {
    Classification verdict = classify(Provider.OPENAI, 503, Map.of("x-ratelimit-remaining-tokens", "0",
        "x-ratelimit-reset-tokens", "6m0s"), utf8("{}"));

    assertEquals(-1, verdict.waitHintMillis());
  }
}
