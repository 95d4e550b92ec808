package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.metrics.Totals;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * A percentage over the sliding window (rate-limited attempts per attempt, fallbacks per call) compared with a
 * threshold. Below the minimum sample the rule is never breached, so one failure in two calls cannot page, and
 * a firing alert resolves once traffic is too thin to show a problem. Immutable.
 */
final class RatioRule implements AlertRule {
  private final String name;
  private final Severity severity;
  private final String what;
  private final Totals.Count numerator;
  private final Totals.Count denominator;
  private final double thresholdPercent;
  private final long minSamples;
  private final String windowText;

  RatioRule(String name, Severity severity, String what, Totals.Count numerator, Totals.Count denominator,
      double thresholdPercent, long minSamples, String windowText) {
    this.name = name;
    this.severity = severity;
    this.what = what;
    this.numerator = numerator;
    this.denominator = denominator;
    this.thresholdPercent = thresholdPercent;
    this.minSamples = minSamples;
    this.windowText = windowText;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public AlertReading read(Totals window, Totals sinceLast, Map<CircuitKey, CircuitState> circuits) {
    long samples = window.get(denominator);
    long hits = window.get(numerator);
    // Capped: a call may fall back twice, and a ratio past 100 would make threshold 100 fire.
    double percent = samples <= 0 ? 0 : Math.min(100.0, 100.0 * hits / samples);
    boolean breached = samples >= minSamples && percent > thresholdPercent;
    String detail = String.format(Locale.ROOT, "%s %.1f%% (%d of %d) over %s; threshold %s%%, minimum sample %d",
        what, percent, hits, samples, windowText, trim(thresholdPercent), minSamples);
    return new AlertReading(breached, round(percent), thresholdPercent, samples, detail, Collections.emptyList());
  }

  private static double round(double percent) {
    return Math.round(percent * 100) / 100.0;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
