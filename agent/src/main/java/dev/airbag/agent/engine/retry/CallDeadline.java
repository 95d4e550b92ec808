package dev.airbag.agent.engine.retry;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;

/**
 * The time one call may still spend: Airbag's own deadline ({@code airbag.retry.deadline}) and the caller's own
 * timeout (OkHttp's {@code callTimeout}, {@code HttpRequest.timeout}), whichever ends first. Against the caller's
 * timeout a wait counts together with the attempt after it, expected to take as long as the longest attempt so far:
 * an attempt that timeout would cut ends in the app's own cancellation, not in the last real failure.
 * Per call and mutable; used by one thread at a time, like the call's execution.
 */
public final class CallDeadline {
  private final Deadline airbag;
  private final Deadline caller;
  private long longestAttemptNanos;
  private int attempts;
  private boolean cutByCaller;

  private CallDeadline(Deadline airbag, Deadline caller) {
    this.airbag = airbag;
    this.caller = caller;
  }

  /** Starts now; {@code callerTimeoutNanos} of 0 (or less) means the caller set no timeout. */
  public static CallDeadline of(Clock clock, Duration airbagBudget, long callerTimeoutNanos) {
    return new CallDeadline(Deadline.after(clock, airbagBudget),
        callerTimeoutNanos > 0 ? Deadline.after(clock, Duration.ofNanos(callerTimeoutNanos)) : null);
  }

  /** An attempt came back (answered or failed) after {@code nanos}. */
  public void attemptTook(long nanos) {
    attempts++;
    longestAttemptNanos = Math.max(longestAttemptNanos, nanos);
  }

  /**
   * Whether waiting {@code waitNanos} and then making one more attempt fits: Airbag's deadline leaves time after the
   * wait, and the caller's timeout leaves more than the wait plus an attempt as long as the longest so far.
   * A refusal by the caller's timeout is remembered ({@link #cutByCaller()}).
   */
  public boolean allows(long waitNanos) {
    if (!airbag.allows(waitNanos)) {
      return false;
    }
    if (caller != null && caller.remainingNanos() <= saturatedSum(waitNanos, longestAttemptNanos)) {
      cutByCaller = true;
      return false;
    }
    return true;
  }

  /** Nanoseconds left before either limit, never negative. */
  public long remainingNanos() {
    return caller == null ? airbag.remainingNanos() : Math.min(airbag.remainingNanos(), caller.remainingNanos());
  }

  /** True when the caller's timeout stopped the call after its first attempt, before Airbag retried anything. */
  public boolean cutBeforeAnyRetry() {
    return cutByCaller && attempts <= 1;
  }

  /** Why {@link #allows} said no, for the call's event. */
  public String refusal() {
    return cutByCaller ? "the caller's own timeout leaves no time for another attempt"
        : "airbag.retry.deadline leaves no time for another wait";
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    // Both are non-negative: a negative sum is an overflow.
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
