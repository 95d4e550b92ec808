package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowCallRuleTest {
  private static final CircuitKey KEY = new CircuitKey("openai", "gpt-4o");
  private static final Duration SLOW = Duration.ofSeconds(20);

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();

  private CircuitBreaker breaker(Duration slowCallDuration) {
    return new CircuitBreaker(KEY, new BreakerConfig(10, 10, 50, slowCallDuration, Duration.ofSeconds(30), 2),
        clock, listener);
  }

  private static void succeed(CircuitBreaker breaker, int times, Duration took) {
    for (int i = 0; i < times; i++) {
      breaker.tryAcquire().onSuccess(took.toNanos());
    }
  }

  @Test
  void successesAtLeastAsLongAsTheSlowCallDurationCountAsFailures() {
    CircuitBreaker breaker = breaker(SLOW);

    succeed(breaker, 5, SLOW.minusNanos(1));
    succeed(breaker, 5, SLOW);

    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals("failure rate 50% >= 50% over 10 attempts (5 slow)", listener.last().reason());
  }

  @Test
  void withTheRuleOffEvenVerySlowSuccessesAreSuccesses() {
    CircuitBreaker breaker = breaker(null);

    succeed(breaker, 10, Duration.ofMinutes(10));

    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(0, breaker.metrics().failedAttempts());
  }

  @Test
  void aSlowFailureCountsOnceAndNotAsSlow() {
    CircuitBreaker breaker = breaker(SLOW);

    breaker.tryAcquire().onFailure(Duration.ofMinutes(1).toNanos());

    assertEquals(1, breaker.metrics().failedAttempts());
    assertEquals(0, breaker.metrics().slowAttempts());
  }

  @Test
  void aSlowProbeReopensTheCircuitAndSaysHowSlow() {
    CircuitBreaker breaker = breaker(SLOW);
    succeed(breaker, 10, SLOW);
    clock.advance(Duration.ofSeconds(30));

    succeed(breaker, 1, Duration.ofMillis(21_500));

    assertEquals(CircuitState.OPEN, breaker.state());
    assertEquals("probe slow: 21.5s >= 20s", listener.last().reason());
  }
}
