package dev.airbag.agent.engine.classify;

import java.util.Locale;

/**
 * The one category every failure gets, with the defaults of the mission's table: whether a retry can help,
 * whether another model can help, how severe it is, who hears about it, and what an end user may be told.
 */
public enum Category {
  OVERLOADED(true, true, true, Severity.WARNING, Escalation.NONE,
      "The AI service is busy; retrying…"),
  TRANSIENT(true, true, true, Severity.WARNING, Escalation.NONE,
      "The AI service had a temporary problem; retrying…"),
  RATE_LIMITED(true, true, true, Severity.WARNING, Escalation.NONE,
      "The AI service is receiving too many requests; retrying shortly…"),
  // Retrying a quota 429 only burns time: the quota will not come back within a call.
  QUOTA_EXHAUSTED(false, true, false, Severity.CRITICAL, Escalation.PAGE,
      "The AI service is unavailable for this account right now."),
  TIMEOUT(true, true, true, Severity.WARNING, Escalation.NONE,
      "The AI service is taking too long to answer; retrying…"),
  // The same content fails on every model.
  CONTENT_POLICY(false, false, false, Severity.INFO, Escalation.NONE,
      "This request cannot be processed because of the AI service's content policy."),
  // Only a larger-context model helps; that fallback has its own chain.
  CONTEXT_LENGTH(false, false, false, Severity.INFO, Escalation.NONE,
      "This request is too long for the AI model."),
  AUTH(false, false, false, Severity.CRITICAL, Escalation.PAGE,
      "The AI service rejected this application's credentials."),
  // A retired model: another model of the chain can serve.
  NOT_FOUND(false, true, false, Severity.CRITICAL, Escalation.TICKET,
      "The requested AI model is not available."),
  BAD_REQUEST(false, false, false, Severity.WARNING, Escalation.TICKET,
      "The AI service could not process this request."),
  CIRCUIT_OPEN(false, true, false, Severity.WARNING, Escalation.NONE,
      "The AI service is unavailable right now; please try again shortly."),
  UNKNOWN(false, false, false, Severity.WARNING, Escalation.HUMAN_REVIEW,
      "The AI service returned an unexpected error.");

  private final boolean retryable;
  private final boolean fallbackEligible;
  private final boolean unhealthy;
  private final Severity severity;
  private final Escalation escalation;
  private final String userMessage;

  Category(boolean retryable, boolean fallbackEligible, boolean unhealthy, Severity severity, Escalation escalation,
      String userMessage) {
    this.retryable = retryable;
    this.fallbackEligible = fallbackEligible;
    this.unhealthy = unhealthy;
    this.severity = severity;
    this.escalation = escalation;
    this.userMessage = userMessage;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean fallbackEligible() {
    return fallbackEligible;
  }

  /**
   * Whether this failure says the provider is unhealthy and so counts against its circuit: an error the request
   * caused (a 400, a quota, a retired model) never opens a circuit, and neither does Airbag's own open circuit.
   */
  public boolean countsAgainstCircuit() {
    return unhealthy;
  }

  public Severity severity() {
    return severity;
  }

  public Escalation escalation() {
    return escalation;
  }

  /** A message that is safe to show an end user: never the provider's raw text. */
  public String userMessage() {
    return userMessage;
  }

  /** The lower-case name used in events, config values and metric tags ({@code rate_limited}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; returns null when the text names no category. */
  public static Category fromWireName(String text) {
    if (text == null) {
      return null;
    }
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Category category : values()) {
      if (category.name().equals(normalised)) {
        return category;
      }
    }
    return null;
  }
}
