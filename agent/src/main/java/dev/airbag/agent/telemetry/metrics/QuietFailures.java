package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.support.ThrottledLog;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the metrics code puts an exception it must not let reach the app or a background loop: counted, and
 * logged at most once a minute so a broken registry cannot flood the app's log. Thread-safe.
 */
public final class QuietFailures {
  private final ThrottledLog log;
  private final AtomicLong count = new AtomicLong();

  public QuietFailures(Clock clock) {
    this.log = ThrottledLog.toAgentLog(clock);
  }

  public void report(String what, Throwable failure) {
    long n = count.incrementAndGet();
    log.warn("metrics", "metrics: " + what + " failed (" + n + " failures so far): " + failure);
  }

  long count() {
    return count.get();
  }
}
