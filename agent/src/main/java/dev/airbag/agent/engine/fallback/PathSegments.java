package dev.airbag.agent.engine.fallback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and encoding of one path segment (RFC 3986 unreserved characters stay as they are), for a
 * model id that travels in the path, as Bedrock's {@code anthropic.claude-3-haiku-20240307-v1:0} does. A malformed
 * escape is kept as written. Stateless.
 */
final class PathSegments {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      int high = c == '%' && i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
      if (low >= 0) {
        out.write(high * 16 + low);
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(raw, 0, raw.length);
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }
}
