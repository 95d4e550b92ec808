package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the metrics code puts an exception it must not let reach the app or a background loop: counted, and
 * logged at most once a minute so a broken registry cannot flood the app's log. Thread-safe.
 */
final class QuietFailures {
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger("airbag");

  private final Clock clock;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastLogged = new AtomicLong();

  QuietFailures(Clock clock) {
    this.clock = clock;
  }

  void report(String what, Throwable failure) {
    long n = count.incrementAndGet();
    long now = clock.nanoTime();
    long last = lastLogged.get();
    // The first failure always logs; the CAS lets one of several racing threads log per interval.
    if ((n == 1 || now - last >= INTERVAL_NANOS) && lastLogged.compareAndSet(last, now)) {
      LOG.warn("metrics: {} failed ({} failures so far): {}", what, n, failure.toString());
    }
  }

  long count() {
    return count.get();
  }
}
