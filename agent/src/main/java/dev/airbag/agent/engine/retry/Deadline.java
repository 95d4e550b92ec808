package dev.airbag.agent.engine.retry;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;

/**
 * The time budget of one logical call, every attempt and wait included, started when the call starts.
 * Immutable and thread-safe; it reads the injected clock on each question.
 */
public final class Deadline {
  private final Clock clock;
  private final long startNanos;
  private final long budgetNanos;

  private Deadline(Clock clock, long startNanos, long budgetNanos) {
    this.clock = clock;
    this.startNanos = startNanos;
    this.budgetNanos = budgetNanos;
  }

  /** A deadline {@code budget} from now; a negative budget counts as already expired. */
  public static Deadline after(Clock clock, Duration budget) {
    if (clock == null || budget == null) {
      throw new IllegalArgumentException("clock and budget must not be null");
    }
    return new Deadline(clock, clock.nanoTime(), Math.max(0, Nanos.of(budget)));
  }

  /** Nanoseconds since the deadline was started. */
  public long elapsedNanos() {
    // Differences of nanoTime stay correct across its numerical wrap-around; absolute values do not.
    return clock.nanoTime() - startNanos;
  }

  /** Nanoseconds left, never negative. */
  public long remainingNanos() {
    return Math.max(0, budgetNanos - elapsedNanos());
  }

  public boolean expired() {
    return remainingNanos() == 0;
  }

  /** Whether waiting {@code waitNanos} still leaves time for an attempt (the remaining time exceeds the wait). */
  public boolean allows(long waitNanos) {
    return remainingNanos() > waitNanos;
  }

  public Duration budget() {
    return Duration.ofNanos(budgetNanos);
  }
}
