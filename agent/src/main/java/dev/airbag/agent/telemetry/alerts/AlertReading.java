package dev.airbag.agent.telemetry.alerts;

import java.util.Collections;
import java.util.List;

/** What one evaluation of a rule found. Immutable. */
final class AlertReading {
  final boolean breached;
  final double value;
  final double threshold;
  final long samples;
  final String detail;
  final List<String> circuits;

  /**
   * @param breached whether the rule should be firing: above its threshold with enough samples
   * @param detail one line for people, built from numbers and names only
   * @param circuits the circuits involved (circuit rule only), as {@code endpoint/model}
   */
  AlertReading(boolean breached, double value, double threshold, long samples, String detail,
      List<String> circuits) {
    this.breached = breached;
    this.value = value;
    this.threshold = threshold;
    this.samples = samples;
    this.detail = detail;
    this.circuits = Collections.unmodifiableList(circuits);
  }
}
