package dev.airbag.faultserver;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON string literals for the bodies the server writes by template (templates keep each provider's field order
 * visible and byte-exact), escaped by Jackson. Stateless and thread-safe.
 */
final class JsonStrings {
  private JsonStrings() {}

  /** {@code s} as a JSON string literal, quotes included; {@code null} becomes {@code null}. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
