package dev.airbag.agent.engine.breaker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The permit for one attempt, tied to the state generation that admitted it. Only its first report counts,
 * so a caller that reports twice (a retry path and a finally block) cannot count one attempt twice.
 * Thread-safe.
 */
final class AttemptPermit implements CircuitBreaker.Permit {
  private final CircuitBreaker breaker;
  private final long generation;
  private final boolean probe;
  private final AtomicBoolean reported = new AtomicBoolean();

  AttemptPermit(CircuitBreaker breaker, long generation, boolean probe) {
    this.breaker = breaker;
    this.generation = generation;
    this.probe = probe;
  }

  @Override
  public boolean probe() {
    return probe;
  }

  long generation() {
    return generation;
  }

  @Override
  public void onSuccess(long durationNanos) {
    if (firstReport()) {
      breaker.record(this, breaker.config().isSlow(durationNanos) ? HealthSample.SLOW : HealthSample.SUCCESS,
          durationNanos);
    }
  }

  @Override
  public void onFailure(long durationNanos) {
    if (firstReport()) {
      breaker.record(this, HealthSample.FAILURE, durationNanos);
    }
  }

  @Override
  public void onIgnored() {
    if (firstReport()) {
      breaker.release(this);
    }
  }

  private boolean firstReport() {
    return reported.compareAndSet(false, true);
  }
}
