package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExportKeys;
import java.time.Duration;

/**
 * The alert rules' window, cadence, minimum sample and thresholds: the {@code airbag.alerts.*} keys, read once by
 * {@link #from}. Thresholds are percentages; a rule fires when its value is strictly above its threshold, so 100
 * turns a ratio rule off. Defaults and bounds are the key table's. Immutable and thread-safe.
 */
public final class AlertSettings {
  private final boolean enabled;
  private final Duration window;
  private final Duration interval;
  private final long minSamples;
  private final double rateLimitedPercent;
  private final double errorsPercent;
  private final double fallbacksPercent;
  private final boolean circuitOpen;

  private AlertSettings(AirbagConfig config) {
    this.enabled = config.get(ExportKeys.ALERTS_ENABLED);
    this.window = config.get(ExportKeys.ALERTS_WINDOW);
    this.interval = config.get(ExportKeys.ALERTS_INTERVAL);
    this.minSamples = config.get(ExportKeys.ALERTS_MIN_SAMPLES);
    this.rateLimitedPercent = config.get(ExportKeys.ALERTS_RATE_LIMITED);
    this.errorsPercent = config.get(ExportKeys.ALERTS_ERRORS);
    this.fallbacksPercent = config.get(ExportKeys.ALERTS_FALLBACKS);
    this.circuitOpen = config.get(ExportKeys.ALERTS_CIRCUIT_OPEN);
  }

  public static AlertSettings from(AirbagConfig config) {
    return new AlertSettings(config);
  }

  /** {@code airbag.alerts.enabled}. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code airbag.alerts.window}: the sliding window the ratios are taken over. */
  public Duration window() {
    return window;
  }

  /** {@code airbag.alerts.interval}: how often the rules are evaluated. */
  public Duration interval() {
    return interval;
  }

  /** {@code airbag.alerts.min-samples}: fewest attempts (calls, for fallbacks) in the window to fire. */
  public long minSamples() {
    return minSamples;
  }

  /** {@code airbag.alerts.rate-limited.threshold}: percent of attempts rate limited. */
  public double rateLimitedPercent() {
    return rateLimitedPercent;
  }

  /** {@code airbag.alerts.errors.threshold}: percent of attempts transient or overloaded. */
  public double errorsPercent() {
    return errorsPercent;
  }

  /** {@code airbag.alerts.fallbacks.threshold}: fallbacks per hundred calls. */
  public double fallbacksPercent() {
    return fallbacksPercent;
  }

  /** {@code airbag.alerts.circuit-open.enabled}: alert while any circuit is not closed. */
  public boolean circuitOpen() {
    return circuitOpen;
  }
}
