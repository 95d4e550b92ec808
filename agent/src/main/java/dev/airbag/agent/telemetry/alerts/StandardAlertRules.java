package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.metrics.Totals;

import dev.airbag.agent.engine.classify.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The mission's four alert rules with the configured thresholds. Severities: transient and overloaded errors
 * are critical (the provider is failing the app), the rest warnings (Airbag is absorbing them). Stateless.
 */
public final class StandardAlertRules {
  static final String RATE_LIMITED = "rate_limited";
  static final String ERRORS = "transient_overloaded";
  static final String FALLBACKS = "fallbacks";

  private StandardAlertRules() {
  }

  public static List<AlertRule> of(AlertSettings settings) {
    String window = DurationWords.of(settings.window());
    List<AlertRule> rules = new ArrayList<>(4);
    rules.add(new RatioRule(RATE_LIMITED, Severity.WARNING, "rate-limited attempts", Totals.Count.RATE_LIMITED,
        Totals.Count.ATTEMPTS, settings.rateLimitedPercent(), settings.minSamples(), window));
    rules.add(new RatioRule(ERRORS, Severity.CRITICAL, "transient and overloaded attempts", Totals.Count.ERRORS,
        Totals.Count.ATTEMPTS, settings.errorsPercent(), settings.minSamples(), window));
    rules.add(new RatioRule(FALLBACKS, Severity.WARNING, "fallbacks per call", Totals.Count.FALLBACKS,
        Totals.Count.CALLS, settings.fallbacksPercent(), settings.minSamples(), window));
    if (settings.circuitOpen()) {
      rules.add(new CircuitOpenRule());
    }
    return rules;
  }
}
