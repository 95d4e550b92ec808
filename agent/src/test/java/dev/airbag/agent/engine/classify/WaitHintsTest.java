package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitHintsTest {

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "Retry-After|30|30000",
      "retry-after|0|0",
      "Retry-After|1.5|1500",
      "Retry-After| 7 |7000",
      "Retry-After|Tue, 14 Nov 2023 22:14:00 GMT|40000",
      "Retry-After|Tue, 14 Nov 2023 22:00:00 GMT|0",
      "Retry-After|soon|-1",
      "Retry-After|-5|-1",
      "Retry-After|1e3|-1",
      "Retry-After||-1",
      "retry-after-ms|250|250",
      "retry-after-ms|12.2|13",
      "x-ms-retry-after-ms|6000|6000",
      "x-ms-retry-after-ms|NaN|-1",
      "X-Unrelated|5|-1"})
  void headersBecomeMillisecondsToWait(String name, String value, long expected) {
    HeaderLookup headers = HeaderLookup.of(value == null ? Map.of() : Map.of(name, value));

    assertEquals(expected, WaitHints.fromHeaders(headers, NOW_MILLIS));
  }

  @Test
  void millisecondHeadersBeatRetryAfter() {
    HeaderLookup headers = HeaderLookup.of(Map.of("Retry-After", "2", "retry-after-ms", "1234"));

    assertEquals(1234, WaitHints.fromHeaders(headers, NOW_MILLIS));
  }

  @Test
  void anInvalidMillisecondHeaderFallsThroughToRetryAfter() {
    HeaderLookup headers = HeaderLookup.of(Map.of("Retry-After", "2", "retry-after-ms", "later"));

    assertEquals(2000, WaitHints.fromHeaders(headers, NOW_MILLIS));
  }

  @Test
  void anAbsurdHintSaturatesInsteadOfOverflowing() {
    HeaderLookup headers = HeaderLookup.of(Map.of("Retry-After", "99999999999999999999"));

    assertEquals(Long.MAX_VALUE / 1_000_000L, WaitHints.fromHeaders(headers, NOW_MILLIS));
  }

  @Test
  void noHeadersMeansNoHint() {
    assertEquals(-1, WaitHints.fromHeaders(HeaderLookup.NONE, NOW_MILLIS));
    assertEquals(-1, WaitHints.fromHeaders(null, NOW_MILLIS));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "30s|30000", "1.5s|1500", "0.000000001s|1", "0s|0", " 2s |2000",
      "30|-1", "s|-1", "-1s|-1", "1.2.3s|-1", "|-1"})
  void protoDurationsBecomeMilliseconds(String text, long expected) {
    assertEquals(expected, WaitHints.parseProtoDuration(text));
  }
}
