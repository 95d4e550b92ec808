package dev.airbag.agent.engine.breaker;

import java.math.BigDecimal;

/** Short durations for people, as reasons show them: {@code 30s}, {@code 1.5s}, {@code 250ms}. */
final class DurationText {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private DurationText() {
  }

  static String format(long nanos) {
    long millis = nanos / NANOS_PER_MILLI;
    if (millis < 1000) {
      return millis + "ms";
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
  }
}
