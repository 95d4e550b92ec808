package dev.airbag.agent.engine.classify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a provider's "wait this long before retrying" hints. Pure functions; thread-safe. Values are never
 * capped here (the retry policy caps them); they saturate instead of overflowing.
 */
public final class WaitHints {
  // Saturation bound: about 292 years, so millisecond arithmetic downstream never overflows.
  private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000L;

  private WaitHints() {
  }

  /**
   * The wait in milliseconds from {@code retry-after-ms} (OpenAI, Azure), {@code x-ms-retry-after-ms} (Azure),
   * then {@code Retry-After} as delta-seconds or an HTTP-date measured from {@code nowMillis}; -1 when none
   * is present or valid. A date in the past means "now": 0.
   */
  public static long fromHeaders(HeaderLookup headers, long nowMillis) {
    if (headers == null) {
      return -1;
    }
    long millis = parseDecimal(headers.get("retry-after-ms"), 1);
    if (millis >= 0) {
      return millis;
    }
    millis = parseDecimal(headers.get("x-ms-retry-after-ms"), 1);
    if (millis >= 0) {
      return millis;
    }
    String retryAfter = headers.get("retry-after");
    millis = parseDecimal(retryAfter, 1000);
    return millis >= 0 ? millis : parseHttpDate(retryAfter, nowMillis);
  }

  /** A protobuf JSON Duration such as Gemini's RetryInfo {@code "30s"} or {@code "1.5s"} in millis; -1 if invalid. */
  public static long parseProtoDuration(String text) {
    if (text == null) {
      return -1;
    }
    String trimmed = text.trim();
    if (!trimmed.endsWith("s")) {
      return -1;
    }
    return parseDecimal(trimmed.substring(0, trimmed.length() - 1), 1000);
  }

  /** A non-negative decimal number of units in millis, rounded up so a retry never comes early; -1 if invalid. */
  private static long parseDecimal(String text, long millisPerUnit) {
    if (text == null) {
      return -1;
    }
    String trimmed = text.trim();
    // Bound the work on hostile input; no honest hint needs more digits than this.
    if (trimmed.isEmpty() || trimmed.length() > 32 || !isPlainDecimal(trimmed)) {
      return -1;
    }
    BigDecimal millis = new BigDecimal(trimmed).multiply(BigDecimal.valueOf(millisPerUnit))
        .setScale(0, RoundingMode.CEILING);
    return millis.compareTo(BigDecimal.valueOf(MAX_MILLIS)) > 0 ? MAX_MILLIS : millis.longValue();
  }

  private static boolean isPlainDecimal(String text) {
    boolean digits = false;
    boolean dot = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits;
  }

  private static long parseHttpDate(String text, long nowMillis) {
    if (text == null || text.length() > 64) {
      return -1;
    }
    try {
      long at = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowMillis);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
