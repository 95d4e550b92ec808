package dev.airbag.agent.engine.classify;

/** How bad a classified failure is for the people who run the service. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** The lower-case name used in events, config values and metric tags. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
