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
public final class Resilience {
  // Circuits are per (endpoint, model); past this many the least recently used one neither failing fast nor probing goes.
  private static final int MAX_CIRCUITS = 10_000;

  private Resilience() {}

  static CallPipeline pipeline(AirbagConfig config, Classifier classifier, CallListener listener,
      AttemptListener attempts, TransitionListener transitions, ProbeGate probes, InternalErrorListener internalErrors,
      Clock clock) {
    CircuitBreakers breakers = config.get(ConfigKeys.CIRCUIT_ENABLED)
        ? breakers(config, clock, transitions, probes, FaultInjection.room(MAX_CIRCUITS)) : null;
    return pipelineBuilder(config, classifier, listener, clock)
        .budgets(retryBudgets(config, clock, FaultInjection.room(RetryBudgets.DEFAULT_MAX_ENDPOINTS)))
        .attempts(attempts)
        .internalErrors(internalErrors)
        .breakers(breakers)
        .build();
  }

  /**
   * A pipeline builder holding every value the key table gives the engine (retry, budget, fallback, replay, hold,
   * timeouts, error-body bound), on {@code clock}; no breaker. Public so that tests and benchmarks start from the
   * agent's defaults ({@code AirbagConfig.defaults()}) instead of restating them.
   */
  public static CallPipeline.Builder pipelineBuilder(AirbagConfig config, Classifier classifier, CallListener listener,
      Clock clock) {
    return CallPipeline.builder(classifier, listener)
        .clock(clock)
        .retry(retryPolicy(config))
        .budgets(retryBudgets(config, clock, RetryBudgets.DEFAULT_MAX_ENDPOINTS))
        .fallback(fallbackPolicy(config))
        .holdWhileOpen("wait".equals(config.get(ConfigKeys.CIRCUIT_WHEN_OPEN)))
        .budgetExemptAttempts(config.get(ConfigKeys.RETRY_BUDGET_EXEMPT_ATTEMPTS))
        .firstByteTimeout(config.get(ConfigKeys.TIMEOUT_FIRST_BYTE))
        .replayWindow(config.get(ConfigKeys.RETRY_REPLAY_WINDOW))
        .maxErrorBodyBytes(config.get(ConfigKeys.CLASSIFY_MAX_BODY_BYTES));
  }

  /**
   * The circuits the agent builds from {@code config}, whether or not {@code airbag.circuit.enabled} is set; public so
   * that the benchmark's simulations run the agent's own breakers.
   */
  public static CircuitBreakers breakers(AirbagConfig config, Clock clock, TransitionListener transitions,
      ProbeGate probes, int maxCircuits) {
    // Opening on a failure rate costs nothing only where another model serves meanwhile.
    return new CircuitBreakers(breakerConfig(config), fallbackPolicy(config)::hasChainFor, clock, transitions,
        maxCircuits, probes);
  }

  /** The {@code airbag.retry.*} keys as the engine's retry policy. */
  public static RetryPolicy retryPolicy(AirbagConfig config) {
    return new RetryPolicy(config.get(ConfigKeys.RETRY_MAX_ATTEMPTS), config.get(ConfigKeys.RETRY_BASE_DELAY),
        config.get(ConfigKeys.RETRY_MAX_DELAY), Jitter.fromWireName(config.get(ConfigKeys.RETRY_JITTER)),
        config.get(ConfigKeys.RETRY_MAX_RETRY_AFTER), config.get(ConfigKeys.RETRY_DEADLINE));
  }

  /** The {@code airbag.retry.budget.*} keys, per endpoint, for up to {@code maxEndpoints} endpoints. */
  public static RetryBudgets retryBudgets(AirbagConfig config, Clock clock, int maxEndpoints) {
    return new RetryBudgets(config.get(ConfigKeys.RETRY_BUDGET_RATIO), config.get(ConfigKeys.RETRY_BUDGET_MIN_PER_SECOND),
        RetryBudget.DEFAULT_WINDOW, maxEndpoints, clock);
  }

  private static FallbackPolicy fallbackPolicy(AirbagConfig config) {
    return new FallbackPolicy(config.fallbackChains(), config.contextLengthFallbacks(), config.get(ConfigKeys.FALLBACK_ON));
  }

  /** The {@code airbag.circuit.*} keys as the engine's breaker settings; public so that tests get the defaults. */
  public static BreakerConfig breakerConfig(AirbagConfig config) {
    return new BreakerConfig(config.get(ConfigKeys.CIRCUIT_WINDOW), config.get(ConfigKeys.CIRCUIT_MINIMUM_CALLS),
        config.get(ConfigKeys.CIRCUIT_FAILURE_RATE_THRESHOLD), config.get(ConfigKeys.CIRCUIT_SLOW_CALL_DURATION),
        config.get(ConfigKeys.CIRCUIT_OPEN_DURATION), config.get(ConfigKeys.CIRCUIT_HALF_OPEN_CALLS))
        .withHopelessAfter(config.get(ConfigKeys.CIRCUIT_HOPELESS_AFTER), config.get(ConfigKeys.CIRCUIT_HOPELESS_SPAN))
        .withFirstOpenDuration(config.get(ConfigKeys.CIRCUIT_FIRST_OPEN_DURATION))
        // A probe lost with its call must not hold the circuit half-open for ever.
        .withHalfOpenMaxWait(config.get(ConfigKeys.RETRY_DEADLINE));
  }
}
