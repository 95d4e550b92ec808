package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Locale;

/**
 * One line of a labels file: {@code FINGERPRINT severity=S escalation=E [category=C] [note="free text"]}.
 * Blank lines and lines starting with {@code #} say nothing. Values are the event's wire names; the note is
 * double-quoted, with {@code \"} and {@code \\} escapes, and ends up in the event's {@code reason}. Stateless.
 */
public final class LabelLine {
  private static final String KEYS = "severity, escalation, category, note";
  private static final int FINGERPRINT_CHARS = 16;

  private final String fingerprint;
  private final Verdict verdict;

  private LabelLine(String fingerprint, Verdict verdict) {
    this.fingerprint = fingerprint;
    this.verdict = verdict;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public Verdict verdict() {
    return verdict;
  }

  /**
   * Parses a line; null for a blank line or a comment.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static LabelLine parse(String line, LabelSource source) {
    String text = line.trim();
    if (text.isEmpty() || text.startsWith("#")) {
      return null;
    }
    LabelTokens tokens = new LabelTokens(text);
    String fingerprint = tokens.word().toLowerCase(Locale.ROOT);
    if (fingerprint.length() != FINGERPRINT_CHARS || !fingerprint.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("'" + fingerprint + "' is not a fingerprint (16 hex characters)");
    }
    Severity severity = null;
    Escalation escalation = null;
    Category category = null;
    String note = null;
    while (tokens.hasMore()) {
      String key = tokens.key();
      String value = tokens.value();
      switch (key) {
        case "severity":
          severity = require(Vocabulary.severity(value), key, value, Vocabulary.SEVERITIES);
          break;
        case "escalation":
          escalation = require(Vocabulary.escalation(value), key, value, Vocabulary.ESCALATIONS);
          break;
        case "category":
          // "none" is how a person says "not an LLM failure".
          category = "none".equalsIgnoreCase(value) ? null
              : require(Vocabulary.category(value), key, value, Vocabulary.categories() + ", none");
          break;
        case "note":
          note = value;
          break;
        default:
          throw new IllegalArgumentException("unknown key '" + key + "' (keys: " + KEYS + ")");
      }
    }
    if (severity == null || escalation == null) {
      throw new IllegalArgumentException("a label needs severity=(" + Vocabulary.SEVERITIES + ") and escalation=("
          + Vocabulary.ESCALATIONS + ")");
    }
    return new LabelLine(fingerprint, new Verdict(severity, escalation, category, source, note));
  }

  /** The line for a verdict, which {@link #parse} reads back to the same verdict. */
  public static String format(String fingerprint, Severity severity, Escalation escalation, Category category,
      String note) {
    StringBuilder out = new StringBuilder(fingerprint)
        .append(" severity=").append(severity.wireName())
        .append(" escalation=").append(escalation.wireName());
    if (category != null) {
      out.append(" category=").append(category.wireName());
    }
    if (note != null) {
      out.append(" note=\"").append(note.replace("\\", "\\\\").replace("\"", "\\\"")
          .replace('\n', ' ').replace('\r', ' ')).append('"');
    }
    return out.toString();
  }

  private static <T> T require(T parsed, String key, String value, String allowed) {
    if (parsed == null) {
      throw new IllegalArgumentException(key + " '" + value + "' is not one of: " + allowed);
    }
    return parsed;
  }
}
