package dev.airbag.agent.engine.classify;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user's classification overrides from config: a category per provider error code or type (matched
 * ignoring case, beats everything but transport failures), a category per HTTP status (beats the provider's
 * dialect), and whether an unknown failure may be retried. Immutable; thread-safe.
 */
public final class ClassificationRules {
  public static final ClassificationRules NONE = new ClassificationRules(Collections.<Integer, Category>emptyMap(),
      Collections.<String, Category>emptyMap(), false);

  private final Map<Integer, Category> statusRules;
  private final Map<String, Category> errorCodeRules;
  private final boolean retryUnknown;

  private ClassificationRules(Map<Integer, Category> statusRules, Map<String, Category> errorCodeRules,
      boolean retryUnknown) {
    this.statusRules = statusRules;
    this.errorCodeRules = errorCodeRules;
    this.retryUnknown = retryUnknown;
  }

  /** Copies the maps; null maps, null keys and null categories are ignored. */
  public static ClassificationRules of(Map<Integer, Category> statusRules, Map<String, Category> errorCodeRules,
      boolean retryUnknown) {
    Map<Integer, Category> statuses = new HashMap<>();
    if (statusRules != null) {
      for (Map.Entry<Integer, Category> rule : statusRules.entrySet()) {
        if (rule.getKey() != null && rule.getValue() != null) {
          statuses.put(rule.getKey(), rule.getValue());
        }
      }
    }
    Map<String, Category> codes = new HashMap<>();
    if (errorCodeRules != null) {
      for (Map.Entry<String, Category> rule : errorCodeRules.entrySet()) {
        if (rule.getKey() != null && rule.getValue() != null) {
          codes.put(rule.getKey().trim().toLowerCase(Locale.ROOT), rule.getValue());
        }
      }
    }
    return new ClassificationRules(Collections.unmodifiableMap(statuses), Collections.unmodifiableMap(codes),
        retryUnknown);
  }

  /** The category the user gave this status, or null. */
  public Category forStatus(int status) {
    return statusRules.get(status);
  }

  /** The category the user gave this provider code or type (ignoring case), or null. */
  public Category forErrorCode(String code) {
    return code == null || errorCodeRules.isEmpty() ? null : errorCodeRules.get(code.toLowerCase(Locale.ROOT));
  }

  /** The first of {@code codes} (most specific first) that has a user rule, or null. */
  String firstRuledCode(List<String> codes) {
    for (String code : codes) {
      if (forErrorCode(code) != null) {
        return code;
      }
    }
    return null;
  }

  /** Whether an unknown failure may be retried. */
  public boolean retryUnknown() {
    return retryUnknown;
  }

  public boolean isEmpty() {
    return statusRules.isEmpty() && errorCodeRules.isEmpty() && !retryUnknown;
  }

  @Override
  public String toString() {
    return "ClassificationRules{status=" + statusRules + ", errorCode=" + errorCodeRules + ", retryUnknown="
        + retryUnknown + '}';
  }
}
