package dev.airbag.agent.uncaught;

import java.util.Locale;

/** Who decided an exception's severity and escalation; shipped as the event's {@code labelled_by}. */
public enum LabelSource {
  /** A built-in or user rule matched the exception's type or a cause's. */
  RULE,
  /** The AI classifier labelled the fingerprint. */
  AI,
  /** A person labelled the fingerprint in the labels file; always wins. */
  HUMAN,
  /** Nothing covered it: the default verdict, routed to human review. */
  UNLABELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
