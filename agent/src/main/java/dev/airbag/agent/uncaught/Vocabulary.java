package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Locale;

/**
 * Parses the wire names of severities, escalations and categories as rules, labels and AI answers spell
 * them; null for anything outside the vocabulary. Stateless.
 */
public final class Vocabulary {
  public static final String SEVERITIES = "info, warning, critical";
  public static final String ESCALATIONS = "page, ticket, human_review, none";

  private Vocabulary() {
  }

  public static Severity severity(String text) {
    String name = normalise(text);
    for (Severity s : Severity.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  public static Escalation escalation(String text) {
    String name = normalise(text);
    for (Escalation e : Escalation.values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  public static Category category(String text) {
    return Category.fromWireName(text);
  }

  /** Every category's wire name, comma-separated, for messages that list what is allowed. */
  public static String categories() {
    StringBuilder out = new StringBuilder();
    for (Category c : Category.values()) {
      out.append(out.length() == 0 ? "" : ", ").append(c.wireName());
    }
    return out.toString();
  }

  private static String normalise(String text) {
    return text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
