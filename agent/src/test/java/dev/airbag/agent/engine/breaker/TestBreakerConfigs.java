package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.wiring.Resilience;
import java.time.Duration;

/** Configs that exercise the breaker's mechanics with round numbers, whatever the product's defaults are. */
final class TestBreakerConfigs {
  /** The rate rule at 50% over 20 attempts (10 minimum), a fixed 30 s open pause, 3 probes; no hopeless rule. */
  static final BreakerConfig THREE_PROBES_30S = new BreakerConfig(20, 10, 50, null, Duration.ofSeconds(30), 3);

  /** The product's: the {@code airbag.circuit.*} defaults of the key table, mapped as the agent maps them. */
  static final BreakerConfig DEFAULTS = Resilience.breakerConfig(AirbagConfig.defaults());

  private TestBreakerConfigs() {}
}
