package dev.airbag.agent.telemetry.alerts;

import java.time.Duration;

/**
 * The alert rules' window, cadence, minimum sample and thresholds, built once from the config. Thresholds are
 * percentages; a rule fires when its value is strictly above its threshold, so 100 turns a ratio rule off.
 * Immutable; the config keys are listed on each builder method.
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

  private AlertSettings(Builder b) {
    this.enabled = b.enabled;
    this.window = b.window;
    this.interval = b.interval;
    this.minSamples = b.minSamples;
    this.rateLimitedPercent = b.rateLimitedPercent;
    this.errorsPercent = b.errorsPercent;
    this.fallbacksPercent = b.fallbacksPercent;
    this.circuitOpen = b.circuitOpen;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static AlertSettings defaults() {
    return builder().build();
  }

  public boolean enabled() {
    return enabled;
  }

  public Duration window() {
    return window;
  }

  public Duration interval() {
    return interval;
  }

  public long minSamples() {
    return minSamples;
  }

  public double rateLimitedPercent() {
    return rateLimitedPercent;
  }

  public double errorsPercent() {
    return errorsPercent;
  }

  public double fallbacksPercent() {
    return fallbacksPercent;
  }

  public boolean circuitOpen() {
    return circuitOpen;
  }

  /** Not thread-safe; build once. */
  public static final class Builder {
    private boolean enabled = true;
    private Duration window = Duration.ofMinutes(5);
    private Duration interval = Duration.ofSeconds(5);
    private long minSamples = 20;
    private double rateLimitedPercent = 5;
    private double errorsPercent = 10;
    private double fallbacksPercent = 5;
    private boolean circuitOpen = true;

    private Builder() {
    }

    /** {@code airbag.alerts.enabled}, default true. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** {@code airbag.alerts.window}: the sliding window the ratios are taken over, default 5m. */
    public Builder window(Duration window) {
      require(positive(window), "alert window must be positive, was " + window);
      this.window = window;
      return this;
    }

    /** {@code airbag.alerts.interval}: how often the rules are evaluated, default 5s. */
    public Builder interval(Duration interval) {
      require(positive(interval), "alert interval must be positive, was " + interval);
      this.interval = interval;
      return this;
    }

    /** {@code airbag.alerts.min-samples}: fewest attempts (calls, for fallbacks) in the window to fire, default 20. */
    public Builder minSamples(long minSamples) {
      require(minSamples >= 1, "alert minimum sample must be at least 1, was " + minSamples);
      this.minSamples = minSamples;
      return this;
    }

    /** {@code airbag.alerts.rate-limited.threshold}: percent of attempts rate limited, default 5. */
    public Builder rateLimitedPercent(double percent) {
      this.rateLimitedPercent = percent(percent);
      return this;
    }

    /** {@code airbag.alerts.errors.threshold}: percent of attempts transient or overloaded, default 10. */
    public Builder errorsPercent(double percent) {
      this.errorsPercent = percent(percent);
      return this;
    }

    /** {@code airbag.alerts.fallbacks.threshold}: fallbacks per hundred calls, default 5. */
    public Builder fallbacksPercent(double percent) {
      this.fallbacksPercent = percent(percent);
      return this;
    }

    /** {@code airbag.alerts.circuit-open.enabled}: alert while any circuit is not closed, default true. */
    public Builder circuitOpen(boolean enabled) {
      this.circuitOpen = enabled;
      return this;
    }

    public AlertSettings build() {
      return new AlertSettings(this);
    }

    private static double percent(double value) {
      require(value >= 0 && value <= 100, "alert threshold must be a percentage 0..100, was " + value);
      return value;
    }

    private static boolean positive(Duration d) {
      return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
