package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0ms",
      "999999, 0ms",
      "250000000, 250ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "30000000000, 30s",
      "120000000000, 120s",
      "21234000000, 21.234s",
  })
  void durationsReadShort(long nanos, String text) {
    assertEquals(text, DurationText.format(nanos));
  }
}
