package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Objects;

/**
 * What to do about an exception: how severe it is, who hears about it, its LLM category when it has one, who
 * decided, and why (a rule's type, a person's note, the model's reason). Immutable and thread-safe.
 */
public final class Verdict {
  /** What an exception no rule and no label covers gets: a person should look at it. */
  public static final Verdict UNREVIEWED = new Verdict(Severity.WARNING, Escalation.HUMAN_REVIEW, null,
      LabelSource.UNLABELLED, "no rule or label covers this fingerprint");

  private final Severity severity;
  private final Escalation escalation;
  private final Category category;
  private final LabelSource labelledBy;
  private final String reason;

  public Verdict(Severity severity, Escalation escalation, Category category, LabelSource labelledBy,
      String reason) {
    this.severity = Objects.requireNonNull(severity, "severity");
    this.escalation = Objects.requireNonNull(escalation, "escalation");
    this.category = category;
    this.labelledBy = Objects.requireNonNull(labelledBy, "labelledBy");
    this.reason = reason;
  }

  public Severity severity() {
    return severity;
  }

  public Escalation escalation() {
    return escalation;
  }

  /** The LLM category, or null when the exception has none (an NPE, an I/O error outside an LLM call). */
  public Category category() {
    return category;
  }

  public LabelSource labelledBy() {
    return labelledBy;
  }

  /** The rule, note or model reason behind the verdict; may be null. */
  public String reason() {
    return reason;
  }

  /** The same verdict, as decided by another source with another reason. */
  Verdict from(LabelSource source, String why) {
    return new Verdict(severity, escalation, category, source, why);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Verdict)) {
      return false;
    }
    Verdict that = (Verdict) other;
    return severity == that.severity && escalation == that.escalation && category == that.category
        && labelledBy == that.labelledBy && Objects.equals(reason, that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(severity, escalation, category, labelledBy, reason);
  }

  @Override
  public String toString() {
    return "Verdict{" + severity.wireName() + ", " + escalation.wireName()
        + (category == null ? "" : ", " + category.wireName()) + ", by " + labelledBy.wireName()
        + (reason == null ? "" : ", " + reason) + '}';
  }
}
