package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitBreakerTransitionTest {
  private static final CircuitKey KEY = new CircuitKey("anthropic", "claude-opus-4-1");
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();

  private CircuitBreaker breaker(BreakerConfig config) {
    return new CircuitBreaker(KEY, config, clock, listener);
  }

  private static void report(CircuitBreaker breaker, int successes, int failures) {
    for (int i = 0; i < successes; i++) {
      breaker.tryAcquire().onSuccess(10 * MS);
    }
    for (int i = 0; i < failures; i++) {
      breaker.tryAcquire().onFailure(10 * MS);
    }
  }

  @Test
  void aNewCircuitIsClosedAndAdmitsAttempts() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertNotNull(breaker.tryAcquire());
    assertEquals(0, breaker.remainingOpenNanos());
    assertEquals(0, listener.count());
  }

  @Test
  void noDecisionIsTakenBeforeTheMinimumNumberOfOutcomes() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);

    report(breaker, 0, 9);

    assertEquals(CircuitState.CLOSED, breaker.state(), "9 failures of 9 are below the minimum of 10");
    report(breaker, 0, 1);
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void aSuccessThatReachesTheMinimumCanOpenTheCircuit() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);

    report(breaker, 0, 9);
    report(breaker, 1, 0);

    assertEquals(CircuitState.OPEN, breaker.state(), "9 failures of 10 is 90%, decided on the 10th outcome");
  }

  @ParameterizedTest(name = "{0} failures of {1} with threshold {2}% -> {3}")
  @CsvSource({
      "10, 20, 50, OPEN",
      "9, 20, 50, CLOSED",
      "5, 10, 50, OPEN",
      "4, 10, 50, CLOSED",
      "1, 3, 33, OPEN",
      "1, 4, 33, CLOSED",
      "20, 20, 100, OPEN",
      "19, 20, 100, CLOSED",
      "1, 10, 10, OPEN",
  })
  void theCircuitOpensExactlyAtTheThreshold(int failures, int calls, int threshold, CircuitState expected) {
    CircuitBreaker breaker = breaker(new BreakerConfig(calls, calls, threshold, null, Duration.ofSeconds(30), 3));

    report(breaker, calls - failures, failures);

    assertEquals(expected, breaker.state());
  }

  @Test
  void theWindowForgetsOutcomesOlderThanItsSize() {
    CircuitBreaker breaker = breaker(new BreakerConfig(20, 20, 50, null, Duration.ofSeconds(30), 3));
    report(breaker, 0, 9);
    report(breaker, 20, 0);

    report(breaker, 0, 9);

    assertEquals(CircuitState.CLOSED, breaker.state(), "the first nine failures slid out of the window");
    assertEquals(9, breaker.metrics().failedAttempts());
    assertEquals(20, breaker.metrics().bufferedAttempts());
    report(breaker, 0, 1);
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void openingSaysWhyWithTheRateTheThresholdAndTheWindow() {
    CircuitBreaker breaker = breaker(new BreakerConfig(20, 20, 50, null, Duration.ofSeconds(30), 3));

    report(breaker, 8, 12);

    assertEquals(1, listener.count());
    assertEquals(new RecordingListener.Heard(KEY, CircuitState.CLOSED, CircuitState.OPEN,
        "failure rate 60% >= 50% over 20 attempts"), listener.last());
  }

  @Test
  void anOpenCircuitRejectsAndSaysHowLongItStaysOpen() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);
    report(breaker, 0, 10);

    clock.advance(Duration.ofSeconds(12));

    assertNull(breaker.tryAcquire());
    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals(Duration.ofSeconds(18).toNanos(), breaker.remainingOpenNanos());
  }

  @Test
  void anOpenCircuitTurnsHalfOpenLazilyOnceTheOpenDurationHasElapsed() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);
    report(breaker, 0, 10);

    clock.advance(Duration.ofSeconds(30).minusNanos(1));
    assertNull(breaker.tryAcquire());
    clock.advance(Duration.ofNanos(1));

    assertEquals(1, listener.count(), "nothing happens until someone looks");
    assertEquals(0, breaker.remainingOpenNanos());
    assertEquals(CircuitState.HALF_OPEN, breaker.state());
    assertEquals(new RecordingListener.Heard(KEY, CircuitState.OPEN, CircuitState.HALF_OPEN,
        "open for 30s elapsed"), listener.last());
  }

  @Test
  void tryAcquireAfterTheOpenDurationMovesToHalfOpenAndTakesAProbe() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);
    report(breaker, 0, 10);
    clock.advance(Duration.ofSeconds(31));

    CircuitBreaker.Permit probe = breaker.tryAcquire();

    assertNotNull(probe);
    assertEquals(CircuitState.HALF_OPEN, listener.last().to());
    assertEquals(1, breaker.metrics().probesInFlight());
  }

  @Test
  void probesThatAllSucceedCloseTheCircuitWithAnEmptyWindow() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);
    report(breaker, 0, 10);
    clock.advance(Duration.ofSeconds(30));

    report(breaker, 3, 0);

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(new RecordingListener.Heard(KEY, CircuitState.HALF_OPEN, CircuitState.CLOSED,
        "3 probes succeeded"), listener.last());
    assertEquals(0, breaker.metrics().bufferedAttempts());
    report(breaker, 0, 9);
    assertEquals(CircuitState.CLOSED, breaker.state(), "a fresh window needs the minimum again");
  }

  @Test
  void aFailedProbeReopensTheCircuitForAFreshOpenDuration() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);
    report(breaker, 0, 10);
    clock.advance(Duration.ofSeconds(30));
    report(breaker, 2, 0);

    report(breaker, 0, 1);

    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals(new RecordingListener.Heard(KEY, CircuitState.HALF_OPEN, CircuitState.OPEN, "probe failed"),
        listener.last());
    assertEquals(Duration.ofSeconds(30).toNanos(), breaker.remainingOpenNanos());
  }

  @Test
  void aFullCycleIsHeardAsFourTransitionsInOrder() {
    CircuitBreaker breaker = breaker(new BreakerConfig(4, 2, 50, null, Duration.ofSeconds(5), 1));

    report(breaker, 0, 2);
    clock.advance(Duration.ofSeconds(5));
    report(breaker, 0, 1);
    clock.advance(Duration.ofSeconds(5));
    report(breaker, 1, 0);

    assertEquals(java.util.List.of(
        new RecordingListener.Heard(KEY, CircuitState.CLOSED, CircuitState.OPEN,
            "failure rate 100% >= 50% over 2 attempts"),
        new RecordingListener.Heard(KEY, CircuitState.OPEN, CircuitState.HALF_OPEN, "open for 5s elapsed"),
        new RecordingListener.Heard(KEY, CircuitState.HALF_OPEN, CircuitState.OPEN, "probe failed"),
        new RecordingListener.Heard(KEY, CircuitState.OPEN, CircuitState.HALF_OPEN, "open for 5s elapsed"),
        new RecordingListener.Heard(KEY, CircuitState.HALF_OPEN, CircuitState.CLOSED, "1 probe succeeded")),
        listener.heard());
  }

  @Test
  void ignoredOutcomesNeverOpenTheCircuit() {
    CircuitBreaker breaker = breaker(TestBreakerConfigs.THREE_PROBES_30S);

    for (int i = 0; i < 100; i++) {
      breaker.tryAcquire().onIgnored();
    }

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(0, breaker.metrics().bufferedAttempts(), "a 400 says nothing about the provider");
  }
}
