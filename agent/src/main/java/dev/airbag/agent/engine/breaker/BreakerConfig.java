package dev.airbag.agent.engine.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * How every circuit decides, built once from the {@code airbag.circuit.*} keys where the agent is wired (their
 * defaults live in the key table only). Immutable and thread-safe.
 *
 * <p>Two rules open a circuit. The <b>rate rule</b> (a failure share of the last {@code window} attempts) is for
 * models with a fallback, where opening early costs nothing because another model serves. The <b>hopeless
 * rule</b> ({@code hopelessAfter} failed attempts in a row, no success between, over at least {@code hopelessSpan})
 * is for every model: without a
 * fallback, an open circuit may cost the app answers that retries would have won, so it opens only when retrying
 * has stopped working (a 90% failure rate gives 50 failures in a row about once in 20,000 attempts).
 *
 * <p>An open circuit lets a probe through after {@code firstOpenDuration}; each failed probe doubles the pause, up
 * to {@code openDuration}, so a short outage is noticed to be over within a pause and a long one costs the
 * provider one probe per {@code openDuration}.
 *
 * <p>As in resilience4j's count-based window, a {@code minimumCalls} larger than {@code window} is lowered
 * to {@code window}: the window never holds more outcomes than its size, so it could otherwise never decide.
 */
public final class BreakerConfig {
  // A probe silent this long is presumed lost; the wiring passes the call deadline instead.
  private static final Duration DEFAULT_HALF_OPEN_MAX_WAIT = Duration.ofSeconds(120);

  private final int window;
  private final int minimumCalls;
  private final int failureRateThresholdPercent;
  private final Duration slowCallDuration;
  private final Duration openDuration;
  private final int halfOpenCalls;
  private final Duration halfOpenMaxWait;
  private final int hopelessAfter;
  private final Duration hopelessSpan;
  private final Duration firstOpenDuration;

  /**
   * @param window how many of the latest attempt outcomes are weighed
   * @param minimumCalls no decision before this many outcomes are in the window
   * @param failureRateThresholdPercent opens when failures reach this share of the window, 1 to 100
   * @param slowCallDuration an attempt at least this long counts as a failure; null turns the rule off
   * @param openDuration the longest pause of an open circuit before it lets a probe through; with no
   *     {@link #withFirstOpenDuration first pause} set, every pause is this long
   * @param halfOpenCalls how many probes must all succeed to close the circuit again
   * @throws IllegalArgumentException naming the first value out of range
   */
  public BreakerConfig(int window, int minimumCalls, int failureRateThresholdPercent, Duration slowCallDuration,
      Duration openDuration, int halfOpenCalls) {
    this(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration, halfOpenCalls,
        DEFAULT_HALF_OPEN_MAX_WAIT, 0, Duration.ZERO, openDuration);
  }

  private BreakerConfig(int window, int minimumCalls, int failureRateThresholdPercent, Duration slowCallDuration,
      Duration openDuration, int halfOpenCalls, Duration halfOpenMaxWait, int hopelessAfter, Duration hopelessSpan,
      Duration firstOpenDuration) {
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
    require(hopelessAfter >= 0, "hopelessAfter must be at least 0 (off), was " + hopelessAfter);
    require(!Objects.requireNonNull(hopelessSpan, "hopelessSpan").isNegative(),
        "hopelessSpan must not be negative, was " + hopelessSpan);
    require(isPositive(Objects.requireNonNull(firstOpenDuration, "firstOpenDuration")),
        "firstOpenDuration must be positive, was " + firstOpenDuration);
    this.window = window;
    this.minimumCalls = Math.min(minimumCalls, window);
    this.failureRateThresholdPercent = failureRateThresholdPercent;
    this.slowCallDuration = slowCallDuration;
    this.openDuration = openDuration;
    this.halfOpenCalls = halfOpenCalls;
    this.halfOpenMaxWait = halfOpenMaxWait;
    this.hopelessAfter = hopelessAfter;
    this.hopelessSpan = hopelessSpan;
    // Like minimumCalls: a first pause longer than the longest is lowered to it.
    this.firstOpenDuration = firstOpenDuration.compareTo(openDuration) > 0 ? openDuration : firstOpenDuration;
  }

  /**
   * A copy whose probes are presumed lost when none has reported for this long (2 min unless set). Pass the call
   * deadline: no attempt outlives it, so a probe silent for longer will never report, and without this bound
   * lost probes would hold every half-open slot forever.
   */
  public BreakerConfig withHalfOpenMaxWait(Duration maxWait) {
    return new BreakerConfig(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration,
        halfOpenCalls, maxWait, hopelessAfter, hopelessSpan, firstOpenDuration);
  }

  /**
   * A copy that opens after this many failed attempts in a row, whatever the window says, once they span at least
   * {@code span} without a success (under heavy traffic 50 failures in a row come in milliseconds even when one
   * request in ten succeeds); 0 failures turns the rule off.
   */
  public BreakerConfig withHopelessAfter(int failuresInARow, Duration span) {
    return new BreakerConfig(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration,
        halfOpenCalls, halfOpenMaxWait, failuresInARow, span, firstOpenDuration);
  }

  /** A copy whose first open pause is this long, doubling after each failed probe up to {@link #openDuration()}. */
  public BreakerConfig withFirstOpenDuration(Duration first) {
    return new BreakerConfig(window, minimumCalls, failureRateThresholdPercent, slowCallDuration, openDuration,
        halfOpenCalls, halfOpenMaxWait, hopelessAfter, hopelessSpan, first);
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

  /** Failed attempts in a row that open any circuit; 0 when the rule is off. */
  public int hopelessAfter() {
    return hopelessAfter;
  }

  /** How long the failures of the hopeless rule must last without a success. */
  public Duration hopelessSpan() {
    return hopelessSpan;
  }

  public Duration firstOpenDuration() {
    return firstOpenDuration;
  }

  /**
   * The pause of an open stay that follows {@code failedProbes} failed probes in a row (0 for a fresh opening): the
   * first pause twice, then doubled by each further failed probe. A burst often outlives the first pause, and the
   * calls refused between its end and the next probe fail where the SDK alone was served; a second short pause
   * finds it over sooner, for one more request per outage.
   */
  long openNanos(int failedProbes) {
    long first = firstOpenDuration.toNanos();
    long max = openDuration.toNanos();
    // Past 62 doublings any positive pause exceeds max; comparing against max >> n avoids the overflow.
    int n = Math.max(0, failedProbes - 1);
    return n >= Long.SIZE - 1 || first > (max >> n) ? max : Math.min(max, first << n);
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
        + ", halfOpenMaxWait=" + halfOpenMaxWait + ", hopelessAfter=" + hopelessAfter + " over " + hopelessSpan
        + ", firstOpenDuration=" + firstOpenDuration + "}";
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
