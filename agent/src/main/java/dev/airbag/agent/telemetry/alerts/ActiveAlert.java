package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.engine.classify.Severity;

/** An alert that is firing now, as {@code /health} shows it. Immutable. */
public final class ActiveAlert {
  private final String name;
  private final Severity severity;
  private final double value;
  private final double threshold;
  private final long sinceMillis;

  public ActiveAlert(String name, Severity severity, double value, double threshold, long sinceMillis) {
    this.name = name;
    this.severity = severity;
    this.value = value;
    this.threshold = threshold;
    this.sinceMillis = sinceMillis;
  }

  public String name() {
    return name;
  }

  public Severity severity() {
    return severity;
  }

  /** The value at the latest evaluation. */
  public double value() {
    return value;
  }

  public double threshold() {
    return threshold;
  }

  /** Wall-clock milliseconds when the episode began. */
  public long sinceMillis() {
    return sinceMillis;
  }

  ActiveAlert withValue(double latest) {
    return new ActiveAlert(name, severity, latest, threshold, sinceMillis);
  }
}
