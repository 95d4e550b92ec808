package dev.airbag.agent.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JitterTest {

  @ParameterizedTest
  @CsvSource({
      "full, FULL",
      "equal, EQUAL",
      "decorrelated, DECORRELATED",
      "none, NONE",
      "' Full ', FULL",
      "DECORRELATED, DECORRELATED"})
  void configValuesNameTheirModeIgnoringCaseAndBlanks(String text, Jitter expected) {
    assertEquals(expected, Jitter.fromWireName(text));
  }

  @ParameterizedTest
  @EnumSource(Jitter.class)
  void everyModeRoundTripsThroughItsWireName(Jitter jitter) {
    assertEquals(jitter, Jitter.fromWireName(jitter.wireName()));
    assertEquals(jitter.name().toLowerCase(java.util.Locale.ROOT), jitter.wireName());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "random", "fullest", "exponential"})
  void unknownValuesNameNoMode(String text) {
    assertNull(Jitter.fromWireName(text));
  }
}
