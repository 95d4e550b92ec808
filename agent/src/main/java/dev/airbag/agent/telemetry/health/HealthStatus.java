package dev.airbag.agent.telemetry.health;

import java.util.Locale;

/**
 * One word of {@code /health}, for the app's side and the providers' side alike: {@code ok}, {@code degraded}
 * (working, with help or in part) or {@code down} (nothing gets through).
 */
public enum HealthStatus {
  OK,
  DEGRADED,
  DOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
