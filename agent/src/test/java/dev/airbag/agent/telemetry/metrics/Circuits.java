package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;

/** Real circuit breakers for gauge, health and alert tests, opened the way production opens them. */
public final class Circuits {
  /** Decides after 2 attempts, opens at 50% failures, stays open 30s, closes after 1 good probe. */
  static final BreakerConfig QUICK = new BreakerConfig(2, 2, 50, null, Duration.ofSeconds(30), 1);

  private Circuits() {
  }

  public static CircuitBreakers registry(Clock clock, TransitionListener listener) {
    return new CircuitBreakers(QUICK, clock, listener, 50);
  }

  public static void open(CircuitBreakers circuits, String endpoint, String model) {
    CircuitBreaker breaker = circuits.forKey(new CircuitKey(endpoint, model));
    for (CircuitBreaker.Permit permit = breaker.tryAcquire(); permit != null; permit = breaker.tryAcquire()) {
      permit.onFailure(1);
    }
  }

  /** Lets an elapsed open circuit probe once, successfully. */
  public static void probeAndClose(CircuitBreakers circuits, String endpoint, String model) {
    circuits.forKey(new CircuitKey(endpoint, model)).tryAcquire().onSuccess(1);
  }

  public static void use(CircuitBreakers circuits, String endpoint, String model) {
    circuits.forKey(new CircuitKey(endpoint, model)).tryAcquire().onSuccess(1);
  }
}
