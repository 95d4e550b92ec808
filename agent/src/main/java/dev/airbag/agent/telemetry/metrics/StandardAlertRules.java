package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.classify.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The mission's four alert rules with the configured thresholds. Severities: transient and overloaded errors
 * are critical (the provider is failing the app), the rest warnings (Airbag is absorbing them). Stateless.
 */
final class StandardAlertRules {
  static final String RATE_LIMITED = "rate_limited";
  static final String ERRORS = "transient_overloaded";
  static final String FALLBACKS = "fallbacks";

  private StandardAlertRules() {
  }

  static List<AlertRule> of(AlertSettings settings) {
    String window = DurationWords.of(settings.window());
    List<AlertRule> rules = new ArrayList<>(4);
    rules.add(new RatioRule(RATE_LIMITED, Severity.WARNING, "rate-limited attempts", t -> t.rateLimited,
        t -> t.attempts, settings.rateLimitedPercent(), settings.minSamples(), window));
    rules.add(new RatioRule(ERRORS, Severity.CRITICAL, "transient and overloaded attempts", t -> t.errors,
        t -> t.attempts, settings.errorsPercent(), settings.minSamples(), window));
    rules.add(new RatioRule(FALLBACKS, Severity.WARNING, "fallbacks per call", t -> t.fallbacks, t -> t.calls,
        settings.fallbacksPercent(), settings.minSamples(), window));
    if (settings.circuitOpen()) {
      rules.add(new CircuitOpenRule());
    }
    return rules;
  }
}
