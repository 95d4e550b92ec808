package dev.airbag.agent.engine.breaker;

/**
 * One state of one circuit, with the rules that apply in it; each state is its own small class. An instance
 * lives for exactly one stay in its state (one generation), so a new stay starts from fresh counters.
 * Methods marked "under the lock" are called only while the breaker's lock is held.
 */
abstract class BreakerState {
  abstract CircuitState kind();

  /** Under the lock: whether one more attempt may go out now; a half-open state also takes a probe slot. */
  abstract boolean admit(long nowNanos);

  /** Under the lock: the outcome of an attempt this stay admitted; returns the change it causes, or null. */
  abstract Transition record(HealthSample outcome, long durationNanos, long nowNanos);

  /** Under the lock: an attempt this stay admitted ended in a way that says nothing about the provider. */
  void release(long nowNanos) {
  }

  /** Under the lock: the change that the passing of time alone causes, or null. */
  Transition onTime(long nowNanos) {
    return null;
  }

  /** Without the lock: true only when this state surely rejects now; only an immutable state may say so. */
  boolean rejectsWithoutLock(long nowNanos) {
    return false;
  }

  /** Without the lock: how long until probes are let through; 0 unless open. */
  long remainingOpenNanos(long nowNanos) {
    return 0;
  }

  /** Under the lock: the counters of this stay. */
  abstract BreakerMetrics metrics();
}
