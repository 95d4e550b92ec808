package dev.airbag.agent.engine.classify;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The last resort for an HTTP failure whose body said nothing usable: the status alone, plus the one body
 * check the mission names (a 400/422 that mentions a content filter). Immutable; thread-safe.
 */
final class StatusTable {
  private static final Map<Integer, Category> BY_STATUS = byStatus();
  private static final String[] CONTENT_FILTER_WORDS = {"content filter", "content_filter", "content policy",
      "content_policy", "content management policy", "safety system", "responsibleaipolicyviolation"};

  private static Map<Integer, Category> byStatus() {
    Map<Integer, Category> table = new HashMap<>();
    table.put(408, Category.TIMEOUT);
    table.put(429, Category.RATE_LIMITED);
    table.put(401, Category.AUTH);
    table.put(403, Category.AUTH);
    table.put(404, Category.NOT_FOUND);
    table.put(413, Category.CONTEXT_LENGTH);
    table.put(500, Category.TRANSIENT);
    table.put(502, Category.TRANSIENT);
    // A gateway timeout is the gateway's, not ours: the mission lists it as transient (both retry and fall back).
    table.put(504, Category.TRANSIENT);
    table.put(503, Category.OVERLOADED);
    table.put(529, Category.OVERLOADED);
    return Collections.unmodifiableMap(table);
  }

  private StatusTable() {
  }

  /** The status's category, with reason set; {@code text} is the message or body text checked for filters. */
  static Classification.Builder classify(int status, String text) {
    if ((status == 400 || status == 422) && mentionsContentFilter(text)) {
      return Classification.builder(Category.CONTENT_POLICY).reason("status " + status + " with content-filter text");
    }
    Category category = BY_STATUS.get(status);
    if (category == null) {
      category = status >= 400 && status < 500 ? Category.BAD_REQUEST : Category.UNKNOWN;
    }
    return Classification.builder(category).reason("status " + status);
  }

  private static boolean mentionsContentFilter(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : CONTENT_FILTER_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
