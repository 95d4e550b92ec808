package dev.airbag.agent.telemetry.metrics;

import java.util.Locale;

/**
 * The one-word answer of {@code /health}.
 *
 * <ul>
 *   <li><b>critical</b>: every circuit of some endpoint is open (that endpoint can serve nothing but
 *       fallbacks elsewhere), or an alert of severity critical is firing;
 *   <li><b>degraded</b>: otherwise, some circuit is open or half-open, or some alert is firing;
 *   <li><b>healthy</b>: every circuit closed and no alert firing.
 * </ul>
 */
public enum HealthVerdict {
  HEALTHY,
  DEGRADED,
  CRITICAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
