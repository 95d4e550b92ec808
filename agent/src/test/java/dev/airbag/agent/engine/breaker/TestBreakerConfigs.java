package dev.airbag.agent.engine.breaker;

import java.time.Duration;

/** Configs that exercise the breaker's mechanics with round numbers, whatever the product's defaults are. */
final class TestBreakerConfigs {
  /** The rate rule at 50% over 20 attempts (10 minimum), a fixed 30 s open pause, 3 probes; no hopeless rule. */
  static final BreakerConfig THREE_PROBES_30S = new BreakerConfig(20, 10, 50, null, Duration.ofSeconds(30), 3);

  private TestBreakerConfigs() {}
}
