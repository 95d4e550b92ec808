package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.ProbeGate;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RetryBudget;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;

/** Builds the call pipeline's policies (retry, budget, breaker, fallback, timeouts) from the configuration. */
final class Resilience {
  // Circuits are per (endpoint, model); past this many the least recently used one neither failing fast nor probing goes.
  private static final int MAX_CIRCUITS = 10_000;

  private Resilience() {}

  static CallPipeline pipeline(AirbagConfig config, Classifier classifier, CallListener listener,
      AttemptListener attempts, TransitionListener transitions, ProbeGate probes, InternalErrorListener internalErrors,
      Clock clock) {
    RetryPolicy retry = new RetryPolicy(config.get(ConfigKeys.RETRY_MAX_ATTEMPTS), config.get(ConfigKeys.RETRY_BASE_DELAY),
        config.get(ConfigKeys.RETRY_MAX_DELAY), Jitter.fromWireName(config.get(ConfigKeys.RETRY_JITTER)),
        config.get(ConfigKeys.RETRY_MAX_RETRY_AFTER), config.get(ConfigKeys.RETRY_DEADLINE));
    FallbackPolicy fallback = new FallbackPolicy(config.fallbackChains(), config.contextLengthFallbacks(),
        config.get(ConfigKeys.FALLBACK_ON));
    CircuitBreakers breakers = null;
    if (config.get(ConfigKeys.CIRCUIT_ENABLED)) {
      BreakerConfig breaker = new BreakerConfig(config.get(ConfigKeys.CIRCUIT_WINDOW),
          config.get(ConfigKeys.CIRCUIT_MINIMUM_CALLS), config.get(ConfigKeys.CIRCUIT_FAILURE_RATE_THRESHOLD),
          config.get(ConfigKeys.CIRCUIT_SLOW_CALL_DURATION), config.get(ConfigKeys.CIRCUIT_OPEN_DURATION),
          config.get(ConfigKeys.CIRCUIT_HALF_OPEN_CALLS))
          .withHopelessAfter(config.get(ConfigKeys.CIRCUIT_HOPELESS_AFTER), config.get(ConfigKeys.CIRCUIT_HOPELESS_SPAN))
          .withFirstOpenDuration(config.get(ConfigKeys.CIRCUIT_FIRST_OPEN_DURATION))
          // A probe lost with its call must not hold the circuit half-open for ever.
          .withHalfOpenMaxWait(config.get(ConfigKeys.RETRY_DEADLINE));
      // Opening on a failure rate costs nothing only where another model serves meanwhile.
      breakers = new CircuitBreakers(breaker, fallback::hasChainFor, clock, transitions,
          FaultInjection.room(MAX_CIRCUITS), probes);
    }
    return CallPipeline.builder(classifier, listener)
        .attempts(attempts)
        .clock(clock)
        .retry(retry)
        .budgets(new RetryBudgets(config.get(ConfigKeys.RETRY_BUDGET_RATIO),
            config.get(ConfigKeys.RETRY_BUDGET_MIN_PER_SECOND), RetryBudget.DEFAULT_WINDOW,
            FaultInjection.room(RetryBudgets.DEFAULT_MAX_ENDPOINTS), clock))
        .internalErrors(internalErrors)
        .breakers(breakers)
        .fallback(fallback)
        .holdWhileOpen("wait".equals(config.get(ConfigKeys.CIRCUIT_WHEN_OPEN)))
        .budgetExemptAttempts(config.get(ConfigKeys.RETRY_BUDGET_EXEMPT_ATTEMPTS))
        .firstByteTimeout(config.get(ConfigKeys.TIMEOUT_FIRST_BYTE))
        .replayWindow(config.get(ConfigKeys.RETRY_REPLAY_WINDOW))
        .maxErrorBodyBytes(config.get(ConfigKeys.CLASSIFY_MAX_BODY_BYTES))
        .build();
  }
}
