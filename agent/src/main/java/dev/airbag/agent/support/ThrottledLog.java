package dev.airbag.agent.support;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.log.AgentLog;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's only rate-limited logger: at most one warning per topic per interval, the next one saying how many
 * were suppressed, so that a dead collector, a broken sink or a failing registry costs the app's log a line a
 * minute. Causes in one line, never a stack trace: the app's stderr is not Airbag's to fill. Time from the
 * injected clock. Thread-safe.
 */
public final class ThrottledLog {
  public static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Consumer<String> out;
  private final Clock clock;
  private final long intervalNanos;
  private final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();

  public ThrottledLog(Consumer<String> out, Clock clock, long intervalNanos) {
    this.out = out;
    this.clock = clock;
    this.intervalNanos = intervalNanos;
  }

  /** Warnings to the agent's {@code airbag} logger, one per topic per minute. */
  public static ThrottledLog toAgentLog(Clock clock) {
    return new ThrottledLog(AgentLog.logger()::warn, clock, MINUTE_NANOS);
  }

  /** Logs unless this topic logged less than an interval ago; returns whether it logged. */
  public boolean warn(String topic, String message) {
    return warn(topic, message, null);
  }

  /** As {@link #warn(String, String)}, with the cause appended in one line. */
  public boolean warn(String topic, String message, Throwable cause) {
    long now = clock.nanoTime();
    Topic state = topics.computeIfAbsent(topic, t -> new Topic());
    long last = state.lastLoggedNanos.get();
    // The CAS lets exactly one of several racing callers log for this interval.
    boolean due = !state.loggedOnce || now - last >= intervalNanos;
    if (!due || !state.lastLoggedNanos.compareAndSet(last, now)) {
      state.suppressed.incrementAndGet();
      return false;
    }
    state.loggedOnce = true;
    long skipped = state.suppressed.getAndSet(0);
    String suffix = skipped == 0 ? "" : " (" + skipped + " similar warnings suppressed)";
    try {
      out.accept(message + (cause == null ? "" : " (" + cause + ")") + suffix);
    } catch (RuntimeException ignored) {
      // A broken logger must not break what was being reported.
    }
    return true;
  }

  private static final class Topic {
    final AtomicLong lastLoggedNanos = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
    volatile boolean loggedOnce;
  }
}
