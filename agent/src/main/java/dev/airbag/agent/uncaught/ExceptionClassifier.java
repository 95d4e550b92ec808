package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Decides an exception's verdict. Precedence: a person's label for the fingerprint; then the user's rules,
 * then the built-in rules, each tried against the exception and then each of its causes (outermost match
 * wins); then the AI label; then {@link Verdict#UNREVIEWED}. Thread-safe; it holds no state of its own.
 */
public final class ExceptionClassifier {
  private final List<ExceptionRule> userRules;
  private final List<ExceptionRule> builtInRules;
  private final Labels humanLabels;
  private final Labels aiLabels;

  public ExceptionClassifier(List<ExceptionRule> userRules, Labels humanLabels, Labels aiLabels) {
    this(userRules, BuiltInRules.all(), humanLabels, aiLabels);
  }

  ExceptionClassifier(List<ExceptionRule> userRules, List<ExceptionRule> builtInRules, Labels humanLabels,
      Labels aiLabels) {
    this.userRules = Collections.unmodifiableList(new ArrayList<>(userRules));
    this.builtInRules = builtInRules;
    this.humanLabels = humanLabels;
    this.aiLabels = aiLabels;
  }

  public Verdict classify(Throwable error, Fingerprint fingerprint) {
    return classify(CauseChain.of(error), fingerprint);
  }

  Verdict classify(List<Throwable> chain, Fingerprint fingerprint) {
    Verdict human = humanLabels.labelFor(fingerprint.value());
    if (human != null) {
      return human;
    }
    Verdict ruled = ruleVerdict(chain);
    if (ruled != null) {
      return ruled;
    }
    Verdict ai = aiLabels.labelFor(fingerprint.value());
    return ai != null ? ai : Verdict.UNREVIEWED;
  }

  /** The first matching rule's verdict, user rules before built-in ones; null when none matches. */
  Verdict ruleVerdict(List<Throwable> chain) {
    List<Set<String>> types = new ArrayList<>(chain.size());
    for (Throwable t : chain) {
      types.add(TypeNames.of(t.getClass()));
    }
    Verdict ruled = firstMatch(userRules, chain, types);
    return ruled != null ? ruled : firstMatch(builtInRules, chain, types);
  }

  private static Verdict firstMatch(List<ExceptionRule> rules, List<Throwable> chain, List<Set<String>> types) {
    for (int i = 0; i < chain.size(); i++) {
      for (ExceptionRule rule : rules) {
        if (rule.matches(types.get(i))) {
          return refine(rule, chain.get(i));
        }
      }
    }
    return null;
  }

  private static Verdict refine(ExceptionRule rule, Throwable matched) {
    if (!BuiltInRules.STATUS_REFINED.contains(rule.type())) {
      return rule.verdict();
    }
    int status = SdkStatus.of(StackLines.safeMessage(matched));
    Category category = SdkStatus.category(status);
    if (category == null) {
      return rule.verdict();
    }
    return new Verdict(category.severity(), category.escalation(), category, LabelSource.RULE,
        "rule " + rule.type() + " status " + status);
  }
}
