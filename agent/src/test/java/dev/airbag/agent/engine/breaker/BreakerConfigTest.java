package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airbag.agent.config.ConfigKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BreakerConfigTest {
  @Test
  void defaultsAreThoseOfTheCircuitKeys() {
    BreakerConfig config = TestBreakerConfigs.DEFAULTS;

    assertEquals(ConfigKeys.CIRCUIT_WINDOW.defaultValue(), config.window());
    assertEquals(ConfigKeys.CIRCUIT_HOPELESS_AFTER.defaultValue(), config.hopelessAfter());
    assertEquals(ConfigKeys.CIRCUIT_HOPELESS_SPAN.defaultValue(), config.hopelessSpan());
    assertEquals(ConfigKeys.CIRCUIT_OPEN_DURATION.defaultValue(), config.openDuration());
    assertEquals(ConfigKeys.CIRCUIT_FIRST_OPEN_DURATION.defaultValue(), config.firstOpenDuration());
    assertEquals(ConfigKeys.CIRCUIT_HALF_OPEN_CALLS.defaultValue(), config.halfOpenCalls());
    assertEquals(ConfigKeys.CIRCUIT_FAILURE_RATE_THRESHOLD.defaultValue(), config.failureRateThresholdPercent());

    assertEquals(20, config.window());
    assertEquals(5, config.minimumCalls());
    assertEquals(50, config.failureRateThresholdPercent());
    assertNull(config.slowCallDuration());
    assertEquals(Duration.ofSeconds(2), config.openDuration());
    assertEquals(Duration.ofMillis(500), config.firstOpenDuration());
    assertEquals(50, config.hopelessAfter());
    assertEquals(1, config.halfOpenCalls());
    assertEquals(Duration.ofSeconds(120), config.halfOpenMaxWait());
  }

  @ParameterizedTest
  @CsvSource({"0, 500", "1, 500", "2, 1000", "3, 2000", "4, 2000", "70, 2000", "2147483647, 2000"})
  void eachFailedProbeAfterTheFirstDoublesTheOpenPauseUpToTheLongest(int failedProbes, long expectedMillis) {
    assertEquals(Duration.ofMillis(expectedMillis).toNanos(), TestBreakerConfigs.DEFAULTS.openNanos(failedProbes));
  }

  @Test
  void aFirstPauseLongerThanTheLongestIsLoweredToIt() {
    BreakerConfig config = new BreakerConfig(20, 10, 50, null, Duration.ofSeconds(2), 1)
        .withFirstOpenDuration(Duration.ofSeconds(5));

    assertEquals(Duration.ofSeconds(2), config.firstOpenDuration());
  }

  @Test
  void aMinimumLargerThanTheWindowIsLoweredToTheWindow() {
    BreakerConfig config = new BreakerConfig(5, 10, 50, null, Duration.ofSeconds(30), 3);

    assertEquals(5, config.minimumCalls());
  }

  @Test
  void withHalfOpenMaxWaitReturnsACopyAndLeavesTheOriginal() {
    BreakerConfig original = TestBreakerConfigs.DEFAULTS;

    BreakerConfig copy = original.withHalfOpenMaxWait(Duration.ofSeconds(45));

    assertEquals(Duration.ofSeconds(45), copy.halfOpenMaxWait());
    assertEquals(Duration.ofSeconds(120), original.halfOpenMaxWait());
    assertEquals(original.window(), copy.window());
  }

  @Test
  void theSlowRuleAppliesFromTheThresholdOnAndOnlyWhenOn() {
    BreakerConfig on = new BreakerConfig(20, 10, 50, Duration.ofSeconds(2), Duration.ofSeconds(30), 3);

    assertEquals(false, on.isSlow(Duration.ofSeconds(2).toNanos() - 1));
    assertEquals(true, on.isSlow(Duration.ofSeconds(2).toNanos()));
    assertEquals(false, TestBreakerConfigs.DEFAULTS.isSlow(Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "{6}")
  @CsvSource({
      "0, 1, 50, , 30, 3, 'window must be at least 1, was 0'",
      "20, 0, 50, , 30, 3, 'minimumCalls must be at least 1, was 0'",
      "20, 10, 0, , 30, 3, 'failureRateThresholdPercent must be 1 to 100, was 0'",
      "20, 10, 101, , 30, 3, 'failureRateThresholdPercent must be 1 to 100, was 101'",
      "20, 10, 50, 0, 30, 3, 'slowCallDuration must be positive or null (off), was PT0S'",
      "20, 10, 50, , 0, 3, 'openDuration must be positive, was PT0S'",
      "20, 10, 50, , 30, 0, 'halfOpenCalls must be at least 1, was 0'",
  })
  void outOfRangeValuesAreRejectedByName(int window, int minimumCalls, int threshold, Long slowSeconds,
      long openSeconds, int halfOpenCalls, String message) {
    Duration slow = slowSeconds == null ? null : Duration.ofSeconds(slowSeconds);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new BreakerConfig(
        window, minimumCalls, threshold, slow, Duration.ofSeconds(openSeconds), halfOpenCalls));

    assertEquals(message, error.getMessage());
  }
}
