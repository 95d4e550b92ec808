package dev.airbag.agent.engine.breaker;

/**
 * Closed: every attempt goes out and its outcome enters the window. The circuit opens on the hopeless rule (that
 * many unhealthy attempts in a row, over at least the hopeless span without a success) or, where the rate rule applies, once the window holds at least the minimum
 * number of outcomes and the failure rate reaches the threshold.
 */
final class ClosedState extends BreakerState {
  private final BreakerConfig config;
  private final boolean rateRule;
  private final OutcomeWindow window;
  private int unhealthyInARow;
  private long firstUnhealthyNanos;

  ClosedState(BreakerConfig config, boolean rateRule) {
    this.config = config;
    this.rateRule = rateRule;
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
  Transition record(HealthSample outcome, long durationNanos, long nowNanos) {
    window.add(outcome);
    if (!outcome.unhealthy()) {
      unhealthyInARow = 0;
    } else if (unhealthyInARow++ == 0) {
      firstUnhealthyNanos = nowNanos;
    }
    int hopeless = config.hopelessAfter();
    // Under heavy traffic 50 failures in a row come in milliseconds even when one request in ten succeeds; a whole
    // span without a success is what says the provider is down.
    if (hopeless > 0 && unhealthyInARow >= hopeless
        && nowNanos - firstUnhealthyNanos >= config.hopelessSpan().toNanos()) {
      return new Transition(CircuitState.CLOSED, CircuitState.OPEN, unhealthyInARow + " failed attempts in a row");
    }
    int recorded = window.recorded();
    // Too few outcomes say more about luck than about the provider.
    if (!rateRule || recorded < config.minimumCalls()) {
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
