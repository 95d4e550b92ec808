package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.BreakerConfig;

/**
 * The engine's two opening rules, read over the fleet's attempts instead of one instance's: the same thresholds
 * from the same {@link BreakerConfig}, so Redis only widens what an instance sees. The hopeless rule takes the
 * fleet's run of unhealthy attempts in a row (in the order they reached Redis, one sync batch at a time); the rate
 * rule takes the fleet's attempts of the last two seconds, in place of the last {@code window} attempts, once they
 * are at least {@code minimumCalls}. The slow-call rule stays local. Thread-safe (stateless).
 */
final class FleetRule {
  private FleetRule() {
  }

  /** Why the fleet's attempts open the circuit, or null when they do not. */
  static String opens(BreakerConfig config, boolean rateRule, CircuitView view, long nowMillis) {
    int hopeless = config.hopelessAfter();
    // The span keeps a burst from opening, across the fleet as in one instance: a whole span without a success.
    if (hopeless > 0 && view.runFailures() >= hopeless
        && nowMillis - view.runStartMillis() >= config.hopelessSpan().toMillis()) {
      return view.runFailures() + " failed attempts in a row across the fleet";
    }
    long attempts = view.windowAttempts();
    if (!rateRule || attempts < config.minimumCalls()) {
      return null;
    }
    int threshold = config.failureRateThresholdPercent();
    // Integer cross-multiplication, as the engine does: exactly at the threshold opens.
    if (view.windowUnhealthy() * 100 < (long) threshold * attempts) {
      return null;
    }
    return "failure rate " + (view.windowUnhealthy() * 100 / attempts) + "% >= " + threshold + "% over " + attempts
        + " attempts across the fleet";
  }
}
