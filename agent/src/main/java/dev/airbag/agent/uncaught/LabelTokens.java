package dev.airbag.agent.uncaught;

import java.util.Locale;

/** Splits a label line into a leading word and {@code key=value} pairs, values bare or double-quoted. Not thread-safe. */
final class LabelTokens {
  private final String text;
  private int at;

  LabelTokens(String text) {
    this.text = text;
  }

  boolean hasMore() {
    skipBlanks();
    return at < text.length();
  }

  /** The next run of non-blank characters. */
  String word() {
    skipBlanks();
    int start = at;
    while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  /** The key of the next pair, lower-cased; the position is left on its value. */
  String key() {
    skipBlanks();
    int eq = text.indexOf('=', at);
    int blank = nextBlank(at);
    if (eq < 0 || eq > blank) {
      throw new IllegalArgumentException("'" + text.substring(at, blank) + "' is not key=value");
    }
    String key = text.substring(at, eq).toLowerCase(Locale.ROOT);
    at = eq + 1;
    return key;
  }

  /** The value at the position: up to the next blank, or a quoted string with its escapes resolved. */
  String value() {
    if (at >= text.length() || text.charAt(at) != '"') {
      int end = nextBlank(at);
      String value = text.substring(at, end);
      at = end;
      return value;
    }
    StringBuilder out = new StringBuilder();
    for (at++; at < text.length(); at++) {
      char c = text.charAt(at);
      if (c == '"') {
        at++;
        return out.toString();
      }
      if (c == '\\' && at + 1 < text.length()) {
        c = text.charAt(++at);
      }
      out.append(c);
    }
    throw new IllegalArgumentException("a quoted value has no closing quote");
  }

  private int nextBlank(int from) {
    int i = from;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private void skipBlanks() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
