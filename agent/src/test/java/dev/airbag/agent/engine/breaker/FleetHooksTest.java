package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The breaker's hooks for a fleet: openings and closings learnt elsewhere, and the probe gate. */
class FleetHooksTest {
  private static final CircuitKey KEY = new CircuitKey("openai", "gpt-4o");
  private final FakeClock clock = new FakeClock();
  private final List<String> heard = new ArrayList<>();
  private final AtomicBoolean mayProbe = new AtomicBoolean(true);
  private final CircuitBreaker breaker = new CircuitBreaker(KEY, TestBreakerConfigs.DEFAULTS, false, clock,
      new TransitionListener() {
        @Override
        public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
          heard.add(from.wireName() + "->" + to.wireName() + " here");
        }

        @Override
        public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
          heard.add(from.wireName() + "->" + to.wireName() + (learnt ? " fleet" : " here"));
        }
      }, key -> mayProbe.get());

  @Test
  void aLearntOpeningLastsUntilTheFleetsEndAndIsToldAsLearnt() {
    breaker.learnOpen(clock.nanoTime() + TimeUnit.SECONDS.toNanos(60), "fleet: rate limited");

    assertNull(breaker.tryAcquire());
    assertEquals(60, TimeUnit.NANOSECONDS.toSeconds(breaker.remainingOpenNanos() + 999_999_999));
    clock.advance(Duration.ofSeconds(59));
    assertNull(breaker.tryAcquire());
    clock.advance(Duration.ofSeconds(2));
    assertNotNull(breaker.tryAcquire());
    assertEquals(List.of("closed->open fleet", "open->half_open here"), heard);
  }

  @Test
  void aLongerOpenStayIsKeptAndAShorterOneLengthenedWithoutANewEvent() {
    breaker.learnOpen(clock.nanoTime() + TimeUnit.SECONDS.toNanos(10), "long");
    breaker.learnOpen(clock.nanoTime() + TimeUnit.SECONDS.toNanos(1), "short");
    assertEquals(10, TimeUnit.NANOSECONDS.toSeconds(breaker.remainingOpenNanos()));
    breaker.learnOpen(clock.nanoTime() + TimeUnit.SECONDS.toNanos(20), "longer");

    assertEquals(20, TimeUnit.NANOSECONDS.toSeconds(breaker.remainingOpenNanos()));
    assertEquals(List.of("closed->open fleet"), heard);
  }

  @Test
  void aLearntClosingPassesThroughHalfOpen() {
    breaker.learnOpen(clock.nanoTime() + TimeUnit.SECONDS.toNanos(10), "open");
    breaker.learnClosed("fleet: probe succeeded");

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(List.of("closed->open fleet", "open->half_open fleet", "half_open->closed fleet"), heard);
  }

  @Test
  void aHalfOpenCircuitSendsNoProbeWhileTheGateSaysAnotherInstanceHoldsIt() {
    breaker.learnOpen(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500), "open");
    clock.advance(Duration.ofSeconds(1));
    mayProbe.set(false);
    assertNull(breaker.tryAcquire());
    assertEquals(CircuitState.HALF_OPEN, breaker.state());

    mayProbe.set(true);
    assertNotNull(breaker.tryAcquire());
  }
}
