package dev.airbag.agent.engine.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A provider's error vocabulary as an ordered table of {@link DialectRule}s: the first rule that matches
 * decides, so specific rules (quota before rate limit) come first. Immutable and thread-safe.
 */
final class Dialect {
  private final String name;
  private final List<DialectRule> rules;

  Dialect(String name, List<DialectRule> rules) {
    this.name = name;
    this.rules = Collections.unmodifiableList(new ArrayList<>(rules));
  }

  /** This dialect's own rules followed by another's, for providers that extend a shape (Azure on OpenAI). */
  Dialect extendedBy(String extensionName, DialectRule... first) {
    List<DialectRule> combined = new ArrayList<>(Arrays.asList(first));
    combined.addAll(rules);
    return new Dialect(extensionName, combined);
  }

  /** The verdict of the first matching rule, with code and reason set; null when no rule matches. */
  Classification.Builder decide(ErrorFields fields) {
    List<String> codes = fields.codes();
    if (codes.isEmpty() && fields.message == null) {
      return null;
    }
    for (DialectRule rule : rules) {
      String code = rule.matchCode(codes);
      String keyword = code == null ? null : rule.matchKeyword(fields.searchText());
      if (keyword == null) {
        continue;
      }
      StringBuilder reason = new StringBuilder(name);
      if (!code.isEmpty()) {
        reason.append(" code=").append(code);
      }
      if (!keyword.isEmpty()) {
        reason.append(" text~'").append(keyword).append('\'');
      }
      return Classification.builder(rule.category())
          .providerErrorCode(code.isEmpty() ? fields.mostSpecificCode() : code)
          .reason(reason.toString());
    }
    return null;
  }
}
