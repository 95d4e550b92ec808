package dev.airbag.agent.engine.redact;

/**
 * Makes control characters visible ({@code \x1b}, {@code \u202e}) in text bound for a terminal, a log line or a
 * text format: a raw ESC could rewrite an operator's terminal, a NUL or line break forge a /metrics line, a
 * bidirectional override hide what a line says. Stateless.
 */
public final class ControlChars {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlChars() {
  }

  /** The text with C0, DEL, C1, line and paragraph separators and bidi controls escaped; null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!unsafe(c)) {
        out.append(c);
      } else if (c <= 0xff) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
  }
}
