package dev.airbag.agent.telemetry;

import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that is logged at most once per interval, with how many were suppressed since, so that a broken
 * collector cannot flood the app's log. Time from the injected clock. Thread-safe.
 */
final class RateLimitedLog {
  static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger logger;
  private final Clock clock;
  private final long intervalNanos;
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong lastLoggedNanos = new AtomicLong();
  private volatile boolean loggedOnce;

  RateLimitedLog(Logger logger, Clock clock, long intervalNanos) {
    this.logger = logger;
    this.clock = clock;
    this.intervalNanos = intervalNanos;
  }

  /** Logs the warning unless one was logged less than an interval ago; returns whether it logged. */
  boolean warn(String message, Throwable cause) {
    long now = clock.nanoTime();
    long last = lastLoggedNanos.get();
    // The CAS lets exactly one of several racing callers log for this interval.
    boolean due = !loggedOnce || now - last >= intervalNanos;
    if (!due || !lastLoggedNanos.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return false;
    }
    loggedOnce = true;
    long skipped = suppressed.getAndSet(0);
    String suffix = skipped == 0 ? "" : " (" + skipped + " similar warnings suppressed)";
    // The cause in one line, no stack trace: the app's stderr is not Airbag's to fill.
    logger.warn(message + (cause == null ? "" : " (" + cause + ")") + suffix);
    return true;
  }
}
