package dev.airbag.agent.engine.classify;

import java.util.List;
import java.util.Locale;

/**
 * One line of a provider's dialect table: when the error carries any of {@code codes} (ignoring case) and its
 * message contains any of {@code keywords}, the failure is {@code category}. An empty list matches anything.
 * Immutable.
 */
final class DialectRule {
  private static final String[] NONE = new String[0];

  private final Category category;
  private final String[] codes;
  private final String[] keywords;

  private DialectRule(Category category, String[] codes, String[] keywords) {
    this.category = category;
    this.codes = codes;
    this.keywords = keywords;
  }

  /** Matches an error carrying any of these codes or types. */
  static DialectRule code(Category category, String... codes) {
    return new DialectRule(category, codes.clone(), NONE);
  }

  /** Matches an error whose message says any of these words, for providers that only say it in text. */
  static DialectRule text(Category category, String... keywords) {
    return new DialectRule(category, NONE, lowerCase(keywords));
  }

  /** Narrows a code rule to messages that say any of these words. */
  DialectRule and(String... moreKeywords) {
    return new DialectRule(category, codes, lowerCase(moreKeywords));
  }

  Category category() {
    return category;
  }

  /** The error's code this rule names, "" when the rule names none, null when no code matches. */
  String matchCode(List<String> errorCodes) {
    if (codes.length == 0) {
      return "";
    }
    for (String errorCode : errorCodes) {
      for (String code : codes) {
        if (code.equalsIgnoreCase(errorCode)) {
          return errorCode;
        }
      }
    }
    return null;
  }

  /** The keyword found in the lower-case text, "" when the rule needs none, null when none is found. */
  String matchKeyword(String searchText) {
    if (keywords.length == 0) {
      return "";
    }
    for (String keyword : keywords) {
      if (searchText.contains(keyword)) {
        return keyword;
      }
    }
    return null;
  }

  private static String[] lowerCase(String[] words) {
    String[] lower = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      lower[i] = words[i].toLowerCase(Locale.ROOT);
    }
    return lower;
  }
}
