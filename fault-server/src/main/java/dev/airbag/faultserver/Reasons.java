package dev.airbag.faultserver;

import java.util.Map;

/** Reason phrases for status lines; clients ignore them, people reading a trace do not. */
final class Reasons {
  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"),
      Map.entry(413, "Payload Too Large"), Map.entry(422, "Unprocessable Entity"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
      // Anthropic's non-standard "overloaded" status.
      Map.entry(529, "Overloaded"));

  private Reasons() {}

  static String phrase(int status) {
    return PHRASES.getOrDefault(status, "Status");
  }
}
