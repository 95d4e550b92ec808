package dev.airbag.agent.engine.classify;

/** Who should hear about a failure, and how urgently. */
public enum Escalation {
  PAGE,
  TICKET,
  HUMAN_REVIEW,
  NONE;

  /** The lower-case name used in events and config values ({@code human_review}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
