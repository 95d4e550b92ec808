package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermitReportTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();
  private final CircuitBreaker breaker =
      new CircuitBreaker(new CircuitKey("openai", "gpt-4o"), TestBreakerConfigs.THREE_PROBES_30S, clock, listener);

  @Test
  void aPermitReportedTwiceCountsOnce() {
    CircuitBreaker.Permit permit = breaker.tryAcquire();

    permit.onFailure(1);
    permit.onFailure(1);
    permit.onSuccess(1);
    permit.onIgnored();

    assertEquals(1, breaker.metrics().bufferedAttempts());
    assertEquals(1, breaker.metrics().failedAttempts());
  }

  @Test
  void anIgnoredPermitCannotBeCountedLater() {
    CircuitBreaker.Permit permit = breaker.tryAcquire();

    permit.onIgnored();
    permit.onFailure(1);

    assertEquals(0, breaker.metrics().bufferedAttempts());
  }

  @Test
  void permitsTakenWhileClosedAndReportedAfterTheCircuitOpenedAreDropped() {
    List<CircuitBreaker.Permit> late = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      late.add(breaker.tryAcquire());
    }
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
    assertEquals(CircuitState.OPEN, breaker.state());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(CircuitState.HALF_OPEN, breaker.state());

    for (CircuitBreaker.Permit permit : late) {
      permit.onSuccess(1);
    }

    assertEquals(CircuitState.HALF_OPEN, breaker.state(), "stale successes must not close the circuit");
    assertEquals(0, breaker.metrics().probesSucceeded());
    assertEquals(0, breaker.metrics().probesInFlight());
  }

  @Test
  void aStaleIgnoredReportFreesNoProbeSlot() {
    CircuitBreaker.Permit stale = breaker.tryAcquire();
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      breaker.tryAcquire();
    }

    stale.onIgnored();

    assertEquals(3, breaker.metrics().probesInFlight());
    assertEquals(null, breaker.tryAcquire());
  }

  @Test
  void permitsFromAnEarlierClosedStayDoNotEnterTheNewWindow() {
    CircuitBreaker.Permit stale = breaker.tryAcquire();
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      breaker.tryAcquire().onSuccess(1);
    }
    assertEquals(CircuitState.CLOSED, breaker.state());

    stale.onFailure(1);

    assertEquals(0, breaker.metrics().bufferedAttempts());
  }

  @Test
  void aNegativeDurationCountsAsAFastSuccess() {
    CircuitBreaker slowRule = new CircuitBreaker(new CircuitKey("openai", null),
        new BreakerConfig(20, 10, 50, Duration.ofSeconds(1), Duration.ofSeconds(30), 3), clock, listener);

    slowRule.tryAcquire().onSuccess(-5);

    assertEquals(0, slowRule.metrics().failedAttempts());
    assertEquals(1, slowRule.metrics().bufferedAttempts());
  }
}
