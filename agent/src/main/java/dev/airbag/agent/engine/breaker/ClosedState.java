package dev.airbag.agent.engine.breaker;

/**
 * Closed: every attempt goes out and its outcome enters the window; the circuit opens once the window holds
 * at least the minimum number of outcomes and the failure rate reaches the threshold.
 */
final class ClosedState extends BreakerState {
  private final BreakerConfig config;
  private final OutcomeWindow window;

  ClosedState(BreakerConfig config) {
    this.config = config;
    this.window = new OutcomeWindow(config.window());
  }

  @Override
  CircuitState kind() {
    return CircuitState.CLOSED;
  }

  @Override
  boolean admit(long nowNanos) {
    return true;
  }

  @Override
  Transition record(Outcome outcome, long durationNanos, long nowNanos) {
    window.add(outcome);
    int recorded = window.recorded();
    // Too few outcomes say more about luck than about the provider.
    if (recorded < config.minimumCalls()) {
      return null;
    }
    int threshold = config.failureRateThresholdPercent();
    // Integer cross-multiplication: exactly at the threshold opens, with no rounding either way.
    if ((long) window.unhealthy() * 100 < (long) threshold * recorded) {
      return null;
    }
    return new Transition(CircuitState.CLOSED, CircuitState.OPEN, reason(recorded, threshold));
  }

  @Override
  BreakerMetrics metrics() {
    return new BreakerMetrics(CircuitState.CLOSED, window.recorded(), window.unhealthy(), window.slow(), 0, 0);
  }

  private String reason(int recorded, int threshold) {
    String text = "failure rate " + (window.unhealthy() * 100 / recorded) + "% >= " + threshold + "% over "
        + recorded + " attempts";
    return window.slow() == 0 ? text : text + " (" + window.slow() + " slow)";
  }
}
