package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HalfOpenProbeTest {
  private static final CircuitKey KEY = new CircuitKey("azure", "gpt-4o-deployment");

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();
  private final CircuitBreaker breaker = new CircuitBreaker(KEY,
      TestBreakerConfigs.THREE_PROBES_30S.withHalfOpenMaxWait(Duration.ofSeconds(120)), clock, listener);

  @BeforeEach
  void givenAHalfOpenCircuit() {
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
    clock.advance(Duration.ofSeconds(30));
    assertEquals(CircuitState.HALF_OPEN, breaker.state());
  }

  @Test
  void exactlyTheConfiguredNumberOfProbesIsAdmitted() {
    CircuitBreaker.Permit first = breaker.tryAcquire();
    CircuitBreaker.Permit second = breaker.tryAcquire();
    CircuitBreaker.Permit third = breaker.tryAcquire();

    assertNotNull(first);
    assertNotNull(second);
    assertNotNull(third);
    assertNull(breaker.tryAcquire(), "a fourth attempt while three probes are out");
    assertEquals(3, breaker.metrics().probesInFlight());
    assertEquals(0, breaker.remainingOpenNanos(), "half-open is not open");
  }

  @Test
  void aSucceededProbeKeepsItsSlotUntilTheCircuitCloses() {
    breaker.tryAcquire().onSuccess(1);
    breaker.tryAcquire().onSuccess(1);
    CircuitBreaker.Permit last = breaker.tryAcquire();

    assertNull(breaker.tryAcquire(), "two succeeded and one out fill the three slots");
    last.onSuccess(1);
    assertEquals(CircuitState.CLOSED, breaker.state());
  }

  @Test
  void anIgnoredProbeGivesItsSlotBackWithoutCounting() {
    CircuitBreaker.Permit ignored = breaker.tryAcquire();
    breaker.tryAcquire().onSuccess(1);
    breaker.tryAcquire().onSuccess(1);

    ignored.onIgnored();

    assertEquals(CircuitState.HALF_OPEN, breaker.state(), "an ignored outcome is not a success");
    assertEquals(0, breaker.metrics().probesInFlight());
    assertEquals(2, breaker.metrics().probesSucceeded());
    breaker.tryAcquire().onSuccess(1);
    assertEquals(CircuitState.CLOSED, breaker.state());
  }

  @Test
  void probesThatNeverReportArePresumedLostAfterTheMaximumWait() {
    for (int i = 0; i < 3; i++) {
      breaker.tryAcquire();
    }

    clock.advance(Duration.ofSeconds(120).minusNanos(1));
    assertEquals(CircuitState.HALF_OPEN, breaker.state());
    clock.advance(Duration.ofNanos(1));

    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals("no probe answered for 120s", listener.last().reason());
  }

  @Test
  void aHalfOpenCircuitWithNoProbeOutWaitsForTrafficForever() {
    clock.advance(Duration.ofHours(2));

    assertEquals(CircuitState.HALF_OPEN, breaker.state());
    assertNotNull(breaker.tryAcquire());
  }

  @Test
  void aLateProbeOfAReopenedCircuitIsDropped() {
    CircuitBreaker.Permit slowProbe = breaker.tryAcquire();
    breaker.tryAcquire().onFailure(1);
    clock.advance(Duration.ofSeconds(30));
    assertEquals(CircuitState.HALF_OPEN, breaker.state());

    slowProbe.onSuccess(1);

    assertEquals(0, breaker.metrics().probesSucceeded(), "the success belongs to the previous half-open stay");
  }
}
