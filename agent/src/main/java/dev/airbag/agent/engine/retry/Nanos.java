package dev.airbag.agent.engine.retry;

import java.time.Duration;

/** Duration to nanoseconds without overflow: a duration beyond about 292 years means "forever". */
final class Nanos {
  private Nanos() {
  }

  static long of(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static Duration requireNonNegative(Duration duration, String name) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be a non-negative duration, got " + duration);
    }
    return duration;
  }
}
