package dev.airbag.agent.engine.breaker;

/**
 * Open: every attempt is rejected until this stay's pause has elapsed (longer after each failed probe); the move to half-open happens lazily,
 * on the next look at the circuit. Immutable, so rejecting needs no lock.
 */
final class OpenState extends BreakerState {
  private final long openNanos;
  private final long untilNanos;

  OpenState(long nowNanos, long openNanos) {
    this.openNanos = openNanos;
    this.untilNanos = nowNanos + openNanos;
  }

  /** A stay whose end was decided elsewhere (by the fleet): until {@code untilNanos}, at least 1 ns from now. */
  static OpenState until(long nowNanos, long untilNanos) {
    return new OpenState(nowNanos, Math.max(1, untilNanos - nowNanos));
  }

  @Override
  CircuitState kind() {
    return CircuitState.OPEN;
  }

  @Override
  boolean admit(long nowNanos) {
    return false;
  }

  @Override
  Transition record(HealthSample outcome, long durationNanos, long nowNanos) {
    // An open stay admits nothing, so no report can belong to it.
    return null;
  }

  @Override
  Transition onTime(long nowNanos) {
    if (nowNanos - untilNanos < 0) {
      return null;
    }
    return new Transition(CircuitState.OPEN, CircuitState.HALF_OPEN,
        "open for " + DurationText.format(openNanos) + " elapsed");
  }

  @Override
  boolean rejectsWithoutLock(long nowNanos) {
    // Subtraction, not comparison: nanoTime values may overflow.
    return nowNanos - untilNanos < 0;
  }

  /** When this stay began. */
  long sinceNanos() {
    return untilNanos - openNanos;
  }

  @Override
  long remainingOpenNanos(long nowNanos) {
    return Math.max(0, untilNanos - nowNanos);
  }

  @Override
  BreakerMetrics metrics() {
    return new BreakerMetrics(CircuitState.OPEN, 0, 0, 0, 0, 0);
  }
}
