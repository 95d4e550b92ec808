package dev.airbag.faultserver;

import java.util.Optional;

/**
 * Just enough JSON for a fault server without a JSON library: quoting strings for the bodies it writes, and
 * reading one top-level field of a request body (so a {@code "model"} nested in a message is never mistaken
 * for the request's model). Stateless and thread-safe.
 */
final class Json {
  private Json() {}

  /** {@code s} as a JSON string literal, quotes included; {@code null} becomes {@code null}. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The raw text of the value of top-level field {@code key} in object {@code json}, if present. */
  static Optional<String> topLevelRaw(String json, String key) {
    int depth = 0;
    int i = 0;
    boolean expectKey = false;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = endOfString(json, i);
        // A string directly inside the top-level object, followed by ':', is a key.
        if (depth == 1 && expectKey) {
          String name = unescape(json.substring(i + 1, end - 1));
          int colon = skipSpace(json, end);
          if (colon < json.length() && json.charAt(colon) == ':') {
            int valueStart = skipSpace(json, colon + 1);
            if (name.equals(key)) {
              return Optional.of(json.substring(valueStart, endOfValue(json, valueStart)));
            }
            i = valueStart;
            expectKey = false;
            continue;
          }
        }
        i = end;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
        expectKey = depth == 1;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 1) {
        expectKey = true;
      }
      i++;
    }
    return Optional.empty();
  }

  /** The top-level string field {@code key}, unescaped, if present and a string. */
  static Optional<String> topLevelString(String json, String key) {
    return topLevelRaw(json, key)
        .filter(raw -> raw.startsWith("\""))
        .map(raw -> unescape(raw.substring(1, raw.length() - 1)));
  }

  /** Whether top-level field {@code key} is the literal {@code true}. */
  static boolean topLevelTrue(String json, String key) {
    return topLevelRaw(json, key).map("true"::equals).orElse(false);
  }

  private static int endOfString(String json, int openQuote) {
    int i = openQuote + 1;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        return i + 1;
      }
      i++;
    }
    return json.length();
  }

  private static int endOfValue(String json, int start) {
    if (start >= json.length()) {
      return start;
    }
    char first = json.charAt(start);
    if (first == '"') {
      return endOfString(json, start);
    }
    int depth = 0;
    int i = start;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        i = endOfString(json, i);
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      i++;
      if (depth == 0 && (first == '{' || first == '[')) {
        break;
      }
    }
    return first == '{' || first == '[' ? i : trimEnd(json, start, i);
  }

  private static int trimEnd(String json, int start, int end) {
    while (end > start && Character.isWhitespace(json.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int skipSpace(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, Math.min(i + 5, s.length())), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
