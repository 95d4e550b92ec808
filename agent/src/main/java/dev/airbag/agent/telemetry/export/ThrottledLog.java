package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one warning per topic per minute ("rejected", "dropped", "unreachable"), so that a dead collector
 * or a flood of drops costs the app's log one line a minute. Time from the injected clock. Thread-safe.
 */
final class ThrottledLog {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ExportLog log;
  private final Clock clock;
  private final ConcurrentMap<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();

  ThrottledLog(ExportLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Logs unless this topic logged less than a minute ago; returns whether it logged. */
  boolean warn(String topic, String message) {
    long now = clock.nanoTime();
    AtomicLong last = lastLogged.computeIfAbsent(topic, t -> new AtomicLong(now - INTERVAL_NANOS));
    long previous = last.get();
    // The CAS lets exactly one of several racing threads log for this interval.
    if (now - previous < INTERVAL_NANOS || !last.compareAndSet(previous, now)) {
      return false;
    }
    try {
      log.warn(message);
    } catch (RuntimeException ignored) {
      // A broken logger must not break delivery.
    }
    return true;
  }
}
