package dev.airbag.agent.engine.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How one logical call retries, built once from config: attempts per model, backoff and jitter, the longest
 * provider wait hint worth honouring, and the deadline of the whole call. Immutable and thread-safe; the
 * per-call state (attempt count, previous delay, {@link Deadline}) lives with the caller.
 */
public final class RetryPolicy {
  /** The value of {@code waitNanos} when the provider asks for a longer wait than we are willing to sit out. */
  public static final long WAIT_TOO_LONG = -1;
  /** The wait-hint argument meaning "the provider gave no hint". */
  public static final long NO_HINT = -1;

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Jitter jitter;
  private final Duration maxRetryAfter;
  private final Duration deadline;
  private final long baseNanos;
  private final long maxNanos;
  private final long maxRetryAfterNanos;

  /**
   * @param maxAttempts attempts in all per call, every model of its chain and the first one included; at least 1
   * @throws IllegalArgumentException on a value out of range (config validation reports it before this)
   */
  public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Jitter jitter,
      Duration maxRetryAfter, Duration deadline) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (jitter == null) {
      throw new IllegalArgumentException("jitter must not be null");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = Nanos.requireNonNegative(baseDelay, "baseDelay");
    this.maxDelay = Nanos.requireNonNegative(maxDelay, "maxDelay");
    this.jitter = jitter;
    this.maxRetryAfter = Nanos.requireNonNegative(maxRetryAfter, "maxRetryAfter");
    this.deadline = Nanos.requireNonNegative(deadline, "deadline");
    this.baseNanos = Nanos.of(baseDelay);
    this.maxNanos = Nanos.of(maxDelay);
    this.maxRetryAfterNanos = Nanos.of(maxRetryAfter);
  }

  /**
   * The wait in nanoseconds before retry number {@code retry} (1 = the first retry).
   *
   * <p>With a provider hint ({@code waitHintMillis >= 0}) no longer than {@code maxRetryAfter}, the wait is
   * exactly the hint, never less (a hint of 0 means retry now); a longer hint returns {@link #WAIT_TOO_LONG}
   * and the caller must not wait it out but fall back or fail with the hint. Without a hint
   * ({@link #NO_HINT} or any negative value), the jittered backoff of {@link Backoff#delayNanos}.
   */
  public long waitNanos(int retry, long previousDelayNanos, long waitHintMillis, double random) {
    if (waitHintMillis >= 0) {
      long hintNanos = TimeUnit.MILLISECONDS.toNanos(waitHintMillis);
      return hintNanos <= maxRetryAfterNanos ? hintNanos : WAIT_TOO_LONG;
    }
    return Backoff.delayNanos(jitter, baseNanos, maxNanos, retry, previousDelayNanos, random);
  }

  /** Whether a call that has made {@code attemptsMade} attempts on one model may make another. */
  public boolean allowsAnotherAttempt(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public Jitter jitter() {
    return jitter;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  public Duration deadline() {
    return deadline;
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", jitter=" + jitter.wireName() + ", maxRetryAfter=" + maxRetryAfter + ", deadline=" + deadline + '}';
  }
}
