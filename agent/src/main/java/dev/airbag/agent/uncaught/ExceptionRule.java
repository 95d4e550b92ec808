package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Locale;
import java.util.Objects;

/**
 * Maps an exception type, and every subclass or implementation of it, to a verdict. User rules are written
 * {@code type=java.sql.SQLTransientException,severity=warning,escalation=none[,category=transient]}; with a
 * category, severity and escalation default to the category's. Immutable and thread-safe.
 */
public final class ExceptionRule {
  private final String type;
  private final Verdict verdict;

  public ExceptionRule(String type, Severity severity, Escalation escalation, Category category) {
    this.type = Objects.requireNonNull(type, "type");
    this.verdict = new Verdict(severity, escalation, category, LabelSource.RULE, "rule " + type);
  }

  /** A rule that takes severity and escalation from the category's defaults. */
  static ExceptionRule ofCategory(String type, Category category) {
    return new ExceptionRule(type, category.severity(), category.escalation(), category);
  }

  /**
   * Parses one {@code airbag.exceptions.rule.N} value.
   *
   * @throws IllegalArgumentException with a message naming the bad part and what is allowed
   */
  public static ExceptionRule parse(String text) {
    String type = null;
    Severity severity = null;
    Escalation escalation = null;
    Category category = null;
    for (String part : (text == null ? "" : text).split(",")) {
      int eq = part.indexOf('=');
      if (part.trim().isEmpty()) {
        continue;
      }
      if (eq < 0) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not key=value (keys: type, severity, "
            + "escalation, category)");
      }
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).trim();
      switch (key) {
        case "type":
          type = requireTypeName(value);
          break;
        case "severity":
          severity = require(Vocabulary.severity(value), "severity", value, Vocabulary.SEVERITIES);
          break;
        case "escalation":
          escalation = require(Vocabulary.escalation(value), "escalation", value, Vocabulary.ESCALATIONS);
          break;
        case "category":
          category = require(Vocabulary.category(value), "category", value, Vocabulary.categories());
          break;
        default:
          throw new IllegalArgumentException("unknown key '" + key + "' (keys: type, severity, escalation, "
              + "category)");
      }
    }
    if (type == null) {
      throw new IllegalArgumentException("a rule needs type=<fully qualified class name>");
    }
    if ((severity == null || escalation == null) && category == null) {
      throw new IllegalArgumentException("a rule needs severity and escalation, or a category to take them from");
    }
    return new ExceptionRule(type, severity != null ? severity : category.severity(),
        escalation != null ? escalation : category.escalation(), category);
  }

  /** The fully qualified name of the class or interface this rule matches, subclasses included. */
  public String type() {
    return type;
  }

  public Verdict verdict() {
    return verdict;
  }

  boolean matches(java.util.Set<String> typeNames) {
    return typeNames.contains(type);
  }

  @Override
  public String toString() {
    return "type=" + type + ",severity=" + verdict.severity().wireName() + ",escalation="
        + verdict.escalation().wireName()
        + (verdict.category() == null ? "" : ",category=" + verdict.category().wireName());
  }

  private static String requireTypeName(String value) {
    // A class name is dot-separated Java identifiers, with '$' for nested classes.
    if (!value.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
      throw new IllegalArgumentException("type '" + value + "' is not a fully qualified class name");
    }
    return value;
  }

  private static <T> T require(T parsed, String key, String value, String allowed) {
    if (parsed == null) {
      throw new IllegalArgumentException(key + " '" + value + "' is not one of: " + allowed);
    }
    return parsed;
  }
}
