package dev.airbag.agent.engine.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * How every circuit decides, built once from the {@code airbag.circuit.*} keys. Immutable and thread-safe.
 *
 * <p>As in resilience4j's count-based window, a {@code minimumCalls} larger than {@code window} is lowered
 * to {@code window}: the window never holds more outcomes than its size, so it could otherwise never decide.
 */
public final class BreakerConfig {
  /** Matches the default {@code airbag.retry.deadline}: no attempt outlives its call. */
  private static final Duration DEFAULT_HALF_OPEN_MAX_WAIT = Duration.ofSeconds(120);
  /** Defaults of the {@code airbag.circuit.*} keys; declared after the constant it uses. */
  private static final BreakerConfig DEFAULTS =
      new BreakerConfig(20, 10, 50, null, Duration.ofSeconds(30), 3);

  private final int window;
  private final int minimumCalls;
  private final int failureRateThresholdPercent;
  private final Duration slowCallDuration;
  private final Duration openDuration;
  private final int halfOpenCalls;
  private final Duration halfOpenMaxWait;

  /**
   * @param window how many of the latest attempt outcomes are weighed (20)
   * @param minimumCalls no decision before this many outcomes are in the window (10)
   * @param failureRateThresholdPercent opens when failures reach this share of the window, 1 to 100 (50)
   * @param slowCallDuration an attempt at least this long counts as a failure; null turns the rule off (off)
   * @param openDuration how long an open circuit rejects before it lets probes through (30s)
   * @param halfOpenCalls how many probes must all succeed to close the circuit again (3)
   * @throws IllegalArgumentException naming the first value out of range
   */
  public BreakerConfig(int window, int minimumCalls, int failureRateThresholdPercent, Duration slowCallDuration,
      Duration openDuration, int halfOpenCalls) {
    this(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration, halfOpenCalls,
        DEFAULT_HALF_OPEN_MAX_WAIT);
  }

  private BreakerConfig(int window, int minimumCalls, int failureRateThresholdPercent, Duration slowCallDuration,
      Duration openDuration, int halfOpenCalls, Duration halfOpenMaxWait) {
    require(window >= 1, "window must be at least 1, was " + window);
    require(minimumCalls >= 1, "minimumCalls must be at least 1, was " + minimumCalls);
    require(failureRateThresholdPercent >= 1 && failureRateThresholdPercent <= 100,
        "failureRateThresholdPercent must be 1 to 100, was " + failureRateThresholdPercent);
    require(slowCallDuration == null || isPositive(slowCallDuration),
        "slowCallDuration must be positive or null (off), was " + slowCallDuration);
    require(isPositive(Objects.requireNonNull(openDuration, "openDuration")),
        "openDuration must be positive, was " + openDuration);
    require(halfOpenCalls >= 1, "halfOpenCalls must be at least 1, was " + halfOpenCalls);
    require(isPositive(Objects.requireNonNull(halfOpenMaxWait, "halfOpenMaxWait")),
        "halfOpenMaxWait must be positive, was " + halfOpenMaxWait);
    this.window = window;
    this.minimumCalls = Math.min(minimumCalls, window);
    this.failureRateThresholdPercent = failureRateThresholdPercent;
    this.slowCallDuration = slowCallDuration;
    this.openDuration = openDuration;
    this.halfOpenCalls = halfOpenCalls;
    this.halfOpenMaxWait = halfOpenMaxWait;
  }

  /** 20 attempts, 10 minimum, 50%, no slow-call rule, open 30s, 3 probes. */
  public static BreakerConfig defaults() {
    return DEFAULTS;
  }

  /**
   * A copy whose probes are presumed lost when none has reported for this long (default 120s). Pass the call
   * deadline: no attempt outlives it, so a probe silent for longer will never report, and without this bound
   * lost probes would hold every half-open slot forever.
   */
  public BreakerConfig withHalfOpenMaxWait(Duration maxWait) {
    return new BreakerConfig(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration,
        halfOpenCalls, maxWait);
  }

  public int window() {
    return window;
  }

  /** The effective minimum, never more than {@link #window()}. */
  public int minimumCalls() {
    return minimumCalls;
  }

  public int failureRateThresholdPercent() {
    return failureRateThresholdPercent;
  }

  /** The slow-call threshold, or null when the rule is off. */
  public Duration slowCallDuration() {
    return slowCallDuration;
  }

  public Duration openDuration() {
    return openDuration;
  }

  public int halfOpenCalls() {
    return halfOpenCalls;
  }

  public Duration halfOpenMaxWait() {
    return halfOpenMaxWait;
  }

  /** Whether an attempt that took this long counts as a failure under the slow-call rule. */
  boolean isSlow(long durationNanos) {
    return slowCallDuration != null && durationNanos >= slowCallDuration.toNanos();
  }

  @Override
  public String toString() {
    return "BreakerConfig{window=" + window + ", minimumCalls=" + minimumCalls
        + ", failureRateThreshold=" + failureRateThresholdPercent + "%, slowCallDuration=" + slowCallDuration
        + ", openDuration=" + openDuration + ", halfOpenCalls=" + halfOpenCalls
        + ", halfOpenMaxWait=" + halfOpenMaxWait + "}";
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
