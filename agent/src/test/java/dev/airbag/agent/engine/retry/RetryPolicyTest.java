package dev.airbag.agent.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.wiring.Resilience;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20),
      Jitter.FULL, Duration.ofSeconds(30), Duration.ofSeconds(120));

  @ParameterizedTest(name = "hint {0} ms -> {1} ns")
  @CsvSource({
      // hint millis, expected wait nanos
      "0,            0",
      "1,            1000000",
      "2000,         2000000000",
      "29999,        29999000000",
      "30000,        30000000000",
      "30001,        -1",
      "120000,       -1",
      "9223372036854775807, -1"})
  void aProviderHintIsWaitedExactlyUpToMaxRetryAfterAndRefusedBeyond(long hintMillis, long expectedNanos) {
    assertEquals(expectedNanos, policy.waitNanos(3, 0, hintMillis, 0.5));
  }

  @Test
  void aHintShorterThanTheBackoffIsNotStretched() {
    long backoff = policy.waitNanos(4, 0, RetryPolicy.NO_HINT, 0.999);

    long hinted = policy.waitNanos(4, 0, 100, 0.999);

    assertEquals(100_000_000L, hinted);
    assertTrue(backoff > hinted, "backoff " + backoff);
  }

  @Test
  void withoutAHintTheWaitIsTheJitteredBackoff() {
    assertEquals(250_000_000L, policy.waitNanos(1, 0, RetryPolicy.NO_HINT, 0.5));
    assertEquals(1_000_000_000L, policy.waitNanos(3, 0, RetryPolicy.NO_HINT, 0.5));
    assertEquals(10_000_000_000L, policy.waitNanos(50, 0, -7, 0.5));
  }

  @Test
  void decorrelatedPoliciesPassThePreviousDelayToTheBackoff() {
    RetryPolicy decorrelated = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20),
        Jitter.DECORRELATED, Duration.ofSeconds(30), Duration.ofSeconds(120));

    assertEquals(3_250_000_000L, decorrelated.waitNanos(2, 2_000_000_000L, RetryPolicy.NO_HINT, 0.5));
  }

  @Test
  void aZeroMaxRetryAfterHonoursOnlyZeroHints() {
    RetryPolicy impatient = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Jitter.NONE,
        Duration.ZERO, Duration.ofSeconds(120));

    assertEquals(0, impatient.waitNanos(1, 0, 0, 0.5));
    assertEquals(RetryPolicy.WAIT_TOO_LONG, impatient.waitNanos(1, 0, 1, 0.5));
  }

  @Test
  void maxAttemptsCountsTheFirstAttempt() {
    assertTrue(policy.allowsAnotherAttempt(1));
    assertTrue(policy.allowsAnotherAttempt(3));
    assertFalse(policy.allowsAnotherAttempt(4));
    assertFalse(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Jitter.NONE, Duration.ZERO, Duration.ZERO)
        .allowsAnotherAttempt(1));
  }

  @Test
  void theAgentsDefaultsAreTheKeyTablesAndTheSdksOwnThreeAttempts() {
    RetryPolicy defaults = Resilience.retryPolicy(AirbagConfig.defaults());

    assertEquals(ConfigKeys.RETRY_MAX_ATTEMPTS.defaultValue(), defaults.maxAttempts());
    assertEquals(ConfigKeys.RETRY_BASE_DELAY.defaultValue(), defaults.baseDelay());
    assertEquals(Jitter.fromWireName(ConfigKeys.RETRY_JITTER.defaultValue()), defaults.jitter());
    assertEquals(ConfigKeys.RETRY_DEADLINE.defaultValue(), defaults.deadline());
    assertEquals(3, defaults.maxAttempts(), "the SDKs' own 1 + 2 retries");
  }

  @Test
  void outOfRangeValuesAreRejected() {
    Duration s = Duration.ofSeconds(1);
    Duration negative = Duration.ofMillis(-1);
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, s, s, Jitter.FULL, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, negative, s, Jitter.FULL, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, null, Jitter.FULL, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, null, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, Jitter.FULL, negative, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, Jitter.FULL, s, negative));
  }

  @Test
  void centuriesLongDurationsSaturateInsteadOfOverflowing() {
    Duration forever = Duration.ofDays(365L * 1000);
    RetryPolicy patient = new RetryPolicy(2, forever, forever, Jitter.NONE, forever, forever);

    assertEquals(Long.MAX_VALUE, patient.waitNanos(1, 0, RetryPolicy.NO_HINT, 0));
    assertEquals(Long.MAX_VALUE, patient.waitNanos(1, 0, Long.MAX_VALUE, 0));
  }
}
