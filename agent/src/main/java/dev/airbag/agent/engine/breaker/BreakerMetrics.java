package dev.airbag.agent.engine.breaker;

/**
 * A consistent snapshot of one circuit's counters, for {@code /health} and gauges. Window counters are zero
 * unless closed; probe counters are zero unless half-open. Immutable.
 */
public final class BreakerMetrics {
  private final CircuitState state;
  private final int bufferedAttempts;
  private final int failedAttempts;
  private final int slowAttempts;
  private final int probesInFlight;
  private final int probesSucceeded;

  BreakerMetrics(CircuitState state, int bufferedAttempts, int failedAttempts, int slowAttempts,
      int probesInFlight, int probesSucceeded) {
    this.state = state;
    this.bufferedAttempts = bufferedAttempts;
    this.failedAttempts = failedAttempts;
    this.slowAttempts = slowAttempts;
    this.probesInFlight = probesInFlight;
    this.probesSucceeded = probesSucceeded;
  }

  public CircuitState state() {
    return state;
  }

  /** Attempt outcomes in the window, at most its size. */
  public int bufferedAttempts() {
    return bufferedAttempts;
  }

  /** Failed attempts in the window, slow ones included. */
  public int failedAttempts() {
    return failedAttempts;
  }

  /** Slow attempts in the window; each is also counted in {@link #failedAttempts()}. */
  public int slowAttempts() {
    return slowAttempts;
  }

  /** The window's failure rate from 0 to 1; 0 when the window is empty. */
  public double failureRate() {
    return bufferedAttempts == 0 ? 0 : (double) failedAttempts / bufferedAttempts;
  }

  /** Half-open probes admitted and not yet reported. */
  public int probesInFlight() {
    return probesInFlight;
  }

  /** Half-open probes that have succeeded in this half-open stay. */
  public int probesSucceeded() {
    return probesSucceeded;
  }

  @Override
  public String toString() {
    return state.wireName() + "{buffered=" + bufferedAttempts + ", failed=" + failedAttempts + ", slow="
        + slowAttempts + ", probesInFlight=" + probesInFlight + ", probesSucceeded=" + probesSucceeded + "}";
  }
}
