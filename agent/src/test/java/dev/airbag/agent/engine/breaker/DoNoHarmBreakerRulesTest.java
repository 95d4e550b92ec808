package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default rules: a circuit opens where retrying is hopeless, and lets the app through soon after recovery. */
class DoNoHarmBreakerRulesTest {
  private static final CircuitKey KEY = new CircuitKey("anthropic", "claude-sonnet-4-5");
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();

  private CircuitBreaker withoutFallback() {
    return new CircuitBreaker(KEY, TestBreakerConfigs.DEFAULTS, false, clock, listener);
  }

  private void fail(CircuitBreaker breaker, int times, Duration apart) {
    for (int i = 0; i < times; i++) {
      breaker.tryAcquire().onFailure(20 * MS);
      clock.advance(apart);
    }
  }

  @Test
  void withoutAFallbackNineFailuresInTenNeverOpenTheCircuit() {
    CircuitBreaker breaker = withoutFallback();

    for (int round = 0; round < 1000; round++) {
      fail(breaker, 9, Duration.ofMillis(100));
      breaker.tryAcquire().onSuccess(20 * MS);
    }

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(0, listener.count());
  }

  @Test
  void withAFallbackTheFailureRateOpensTheCircuitEarly() {
    CircuitBreaker breaker = new CircuitBreaker(KEY, TestBreakerConfigs.DEFAULTS, true, clock, listener);

    breaker.tryAcquire().onSuccess(20 * MS);
    breaker.tryAcquire().onFailure(20 * MS);
    breaker.tryAcquire().onSuccess(20 * MS);
    breaker.tryAcquire().onFailure(20 * MS);
    assertEquals(CircuitState.CLOSED, breaker.state(), "4 attempts are fewer than the minimum");
    breaker.tryAcquire().onFailure(20 * MS);

    assertEquals(CircuitState.OPEN, breaker.state());
    assertTrue(listener.last().reason().contains("over 5 attempts"), listener.last().reason());
  }

  @Test
  void withAFallbackFiveFailedAttemptsOpenTheCircuit() {
    // A framework loop's attempt tries the primary once and the fallback after a backoff: every attempt to the sick
    // model before the circuit opens costs a call two requests, and the loop moves on faster than alone.
    CircuitBreaker breaker = new CircuitBreaker(KEY, TestBreakerConfigs.DEFAULTS, true, clock, listener);

    fail(breaker, 4, Duration.ofMillis(450));
    assertEquals(CircuitState.CLOSED, breaker.state());
    fail(breaker, 1, Duration.ZERO);

    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void fiftyFailuresInARowOverMoreThanASecondOpenAnyCircuit() {
    CircuitBreaker breaker = withoutFallback();

    fail(breaker, 49, Duration.ofMillis(100));
    assertEquals(CircuitState.CLOSED, breaker.state());
    fail(breaker, 1, Duration.ZERO);

    assertEquals(CircuitState.OPEN, breaker.state());
    assertTrue(listener.last().reason().contains("50 failed attempts in a row"), listener.last().reason());
  }

  @Test
  void aSuccessStartsTheCountAgain() {
    CircuitBreaker breaker = withoutFallback();

    fail(breaker, 49, Duration.ofMillis(100));
    breaker.tryAcquire().onSuccess(20 * MS);
    fail(breaker, 49, Duration.ofMillis(100));

    assertEquals(CircuitState.CLOSED, breaker.state());
  }

  @Test
  void failuresInARowWithinLessThanASecondDoNotOpenIt() {
    CircuitBreaker breaker = withoutFallback();

    fail(breaker, 500, Duration.ofMillis(1));
    assertEquals(CircuitState.CLOSED, breaker.state(), "500 failures in 0.5 s: heavy traffic, not yet an outage");
    clock.advance(Duration.ofMillis(500));
    fail(breaker, 1, Duration.ZERO);

    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void probePausesDoubleFromTheSecondFailedProbeWhileTheProviderStaysDownAndStartShortAgainAfterRecovery() {
    CircuitBreaker breaker = withoutFallback();
    fail(breaker, 49, Duration.ofMillis(100));
    fail(breaker, 1, Duration.ZERO);

    assertEquals(500 * MS, breaker.remainingOpenNanos());
    long[] pauses = {500, 1000, 2000, 2000, 2000};
    for (long pause : pauses) {
      clock.advance(Duration.ofNanos(breaker.remainingOpenNanos()));
      breaker.tryAcquire().onFailure(20 * MS);
      assertEquals(pause * MS, breaker.remainingOpenNanos());
    }
    clock.advance(Duration.ofSeconds(2));
    breaker.tryAcquire().onSuccess(20 * MS);
    assertEquals(CircuitState.CLOSED, breaker.state(), "one probe closes it");
    fail(breaker, 49, Duration.ofMillis(100));
    fail(breaker, 1, Duration.ZERO);

    assertEquals(500 * MS, breaker.remainingOpenNanos());
  }

  @Test
  void afterALongOutageTheFirstCallMoreThanTwoSecondsAfterRecoveryGetsThrough() {
    CircuitBreaker breaker = withoutFallback();
    fail(breaker, 50, Duration.ofMillis(100));
    for (int probe = 0; probe < 100; probe++) {
      clock.advance(Duration.ofNanos(breaker.remainingOpenNanos()));
      breaker.tryAcquire().onFailure(20 * MS);
    }

    // The provider recovers now; a call arrives every 100 ms.
    int rejected = 0;
    CircuitBreaker.Permit permit;
    while ((permit = breaker.tryAcquire()) == null) {
      rejected++;
      clock.advance(Duration.ofMillis(100));
    }
    permit.onSuccess(20 * MS);

    assertTrue(rejected <= 20, "rejected for " + rejected * 100 + " ms");
    assertEquals(CircuitState.CLOSED, breaker.state());
    assertNotNull(breaker.tryAcquire());
  }

  @Test
  void aCircuitRemembersHowLongItsLatestFailureTook() {
    CircuitBreaker breaker = withoutFallback();

    breaker.tryAcquire().onFailure(300 * MS);
    breaker.tryAcquire().onSuccess(5 * MS);

    assertEquals(300 * MS, breaker.lastFailureNanos());
  }

  @Test
  void aHeldCallsLastTryGoesThroughAnOpenCircuitAtMostOncePerSpacingAndOnlyItsSuccessClosesIt() {
    CircuitBreaker breaker = withoutFallback();
    fail(breaker, 50, Duration.ofMillis(100));
    assertEquals(CircuitState.OPEN, breaker.state());
    int transitions = listener.count();

    // Open for 100 ms now; its first pause is 500 ms.
    assertNull(breaker.tryAcquireLastChance(200 * MS, 0), "open for less than the spacing");
    CircuitBreaker.Permit lastTry = breaker.tryAcquireLastChance(50 * MS, 0);
    assertNotNull(lastTry);
    assertNull(breaker.tryAcquireLastChance(50 * MS, 0), "one per spacing");
    lastTry.onFailure(20 * MS);
    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals(transitions, listener.count(), "a failed last try changes nothing: no transition, no event");

    clock.advance(Duration.ofMillis(60));
    breaker.tryAcquireLastChance(50 * MS, 0).onSuccess(20 * MS);
    assertEquals(CircuitState.CLOSED, breaker.state(), "the provider is back: everyone goes through");
  }
}
