package dev.airbag.agent.telemetry.alerts;

import java.time.Duration;

/** Writes a duration as people configure it ({@code 5m}, {@code 90s}, {@code 250ms}). Stateless. */
public final class DurationWords {
  private DurationWords() {
  }

  public static String of(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
