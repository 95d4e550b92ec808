package dev.airbag.agent.engine.breaker;

/**
 * Half-open: at most {@code halfOpenCalls} probes are out at once; when that many have succeeded the circuit
 * closes, and the first failed or slow probe reopens it. A probe whose outcome says nothing about the provider
 * gives its slot back. Probes silent for longer than the configured wait are presumed lost, and the circuit
 * reopens so that lost probes cannot hold every slot forever.
 */
final class HalfOpenState extends BreakerState {
  private final BreakerConfig config;
  private final int slots;
  private final long maxWaitNanos;
  private int issued;
  private int succeeded;
  private long lastActivityNanos;

  HalfOpenState(long nowNanos, BreakerConfig config) {
    this.config = config;
    this.slots = config.halfOpenCalls();
    this.maxWaitNanos = config.halfOpenMaxWait().toNanos();
    this.lastActivityNanos = nowNanos;
  }

  @Override
  CircuitState kind() {
    return CircuitState.HALF_OPEN;
  }

  @Override
  boolean admit(long nowNanos) {
    if (issued >= slots) {
      return false;
    }
    issued++;
    lastActivityNanos = nowNanos;
    return true;
  }

  @Override
  Transition record(HealthSample outcome, long durationNanos, long nowNanos) {
    lastActivityNanos = nowNanos;
    if (outcome == HealthSample.FAILURE) {
      return new Transition(CircuitState.HALF_OPEN, CircuitState.OPEN, "probe failed");
    }
    if (outcome == HealthSample.SLOW) {
      String limit = DurationText.format(config.slowCallDuration().toNanos());
      return new Transition(CircuitState.HALF_OPEN, CircuitState.OPEN,
          "probe slow: " + DurationText.format(durationNanos) + " >= " + limit);
    }
    succeeded++;
    if (succeeded < slots) {
      return null;
    }
    return new Transition(CircuitState.HALF_OPEN, CircuitState.CLOSED,
        slots + (slots == 1 ? " probe succeeded" : " probes succeeded"));
  }

  @Override
  void release(long nowNanos) {
    lastActivityNanos = nowNanos;
    // The breaker drops duplicate and stale reports, so a release always matches an outstanding probe.
    if (issued > succeeded) {
      issued--;
    }
  }

  @Override
  Transition onTime(long nowNanos) {
    if (inFlight() == 0 || nowNanos - lastActivityNanos < maxWaitNanos) {
      return null;
    }
    return new Transition(CircuitState.HALF_OPEN, CircuitState.OPEN,
        "no probe answered for " + DurationText.format(maxWaitNanos));
  }

  @Override
  BreakerMetrics metrics() {
    return new BreakerMetrics(CircuitState.HALF_OPEN, 0, 0, 0, inFlight(), succeeded);
  }

  private int inFlight() {
    return issued - succeeded;
  }
}
