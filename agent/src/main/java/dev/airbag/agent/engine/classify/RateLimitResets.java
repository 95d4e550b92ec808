package dev.airbag.agent.engine.classify;

/**
 * Reads OpenAI's (and Azure OpenAI's) rate-limit reset headers, {@code x-ratelimit-reset-requests} and
 * {@code x-ratelimit-reset-tokens}, Go-style durations such as {@code 1s}, {@code 6m0s} or {@code 20ms}. A 429
 * without {@code Retry-After} still says when the exhausted limit refills: retrying sooner is wasted, and a reset
 * beyond {@code airbag.retry.max-retry-after} sends the call to the next model at once. Pure; thread-safe.
 */
final class RateLimitResets {
  // Hostile input bound: "1h2m3.456s" is 10 characters; no honest value needs more than this.
  private static final int MAX_LENGTH = 32;

  private RateLimitResets() {}

  /**
   * Millis until the exhausted limit resets, -1 when unknown. The requests limit counts only when its remaining
   * count is 0; otherwise a 429 is about tokens, whose reset is then the hint.
   */
  static long fromHeaders(HeaderLookup headers) {
    if (headers == null) {
      return -1;
    }
    long requests = parseGoDuration(headers.get("x-ratelimit-reset-requests"));
    long tokens = parseGoDuration(headers.get("x-ratelimit-reset-tokens"));
    boolean requestsExhausted = "0".equals(trim(headers.get("x-ratelimit-remaining-requests")));
    boolean tokensExhausted = "0".equals(trim(headers.get("x-ratelimit-remaining-tokens")));
    if (requestsExhausted) {
      return tokensExhausted ? Math.max(requests, tokens) : requests;
    }
    return tokens;
  }

  /** A Go duration ({@code 1h2m3.5s}, {@code 250ms}, {@code 0s}) in millis rounded up; -1 when invalid. */
  static long parseGoDuration(String text) {
    String value = trim(text);
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return -1;
    }
    double millis = 0;
    int i = 0;
    while (i < value.length()) {
      int start = i;
      while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < value.length() && !Character.isDigit(value.charAt(i)) && value.charAt(i) != '.') {
        i++;
      }
      double unit = unitMillis(value.substring(unitStart, i));
      if (start == unitStart || unit < 0) {
        return -1;
      }
      try {
        millis += Double.parseDouble(value.substring(start, unitStart)) * unit;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return (long) Math.ceil(millis);
  }

  private static double unitMillis(String unit) {
    switch (unit) {
      case "h":
        return 3_600_000;
      case "m":
        return 60_000;
      case "s":
        return 1000;
      case "ms":
        return 1;
      case "us":
      case "\u00b5s":
        return 0.001;
      case "ns":
        return 0.000_001;
      default:
        return -1;
    }
  }

  private static String trim(String text) {
    return text == null ? null : text.trim();
  }
}
