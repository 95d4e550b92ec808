package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.retry.Backoff;
import dev.airbag.agent.engine.retry.Jitter;
import java.util.concurrent.TimeUnit;

/**
 * How long a sink waits before its next attempt after consecutive failures: exponential backoff with full
 * jitter, but never less than the collector's Retry-After (capped, so a hostile hint cannot park export for
 * days). A pure function: the random number is an argument. Stateless.
 */
final class RetryDelay {
  private RetryDelay() {
  }

  /**
   * @param failures consecutive failed attempts, at least 1
   * @param waitHintMillis the collector's Retry-After in millis, or -1
   * @param random a number in [0, 1)
   */
  static long nanos(DeliverySettings settings, int failures, long waitHintMillis, double random) {
    long backoff = Backoff.delayNanos(Jitter.FULL, settings.initialBackoff().toNanos(),
        settings.maxBackoff().toNanos(), failures, 0, random);
    if (waitHintMillis < 0) {
      return backoff;
    }
    long cap = settings.maxRetryAfter().toNanos();
    long capMillis = TimeUnit.NANOSECONDS.toMillis(cap);
    long hinted = waitHintMillis >= capMillis ? cap : TimeUnit.MILLISECONDS.toNanos(waitHintMillis);
    return Math.max(backoff, hinted);
  }
}
