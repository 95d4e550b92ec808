package dev.airbag.faultserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini {@code generateContent} bodies in the shapes {@code com.google.genai:google-genai} parses: a
 * {@code GenerateContentResponse}, the same split into {@code data:} lines for {@code :streamGenerateContent?alt=sse},
 * and the Google API error envelope {@code {"error":{"code","message","status"}}}. Gemini names the model in the path
 * ({@code /v1beta/models/gemini-2.5-pro:generateContent}, {@code /v1/...} alike), not in the body. Stateless.
 */
final class GeminiWire {
  private static final Pattern MODEL = Pattern.compile("/models/([^/:]+):");
  private static final String STREAM_METHOD = ":streamGenerateContent";

  private GeminiWire() {}

  /** Whether a path (no query string) is a Gemini content call: its last segment ends in a generate method. */
  static boolean matches(String bare) {
    return bare.endsWith(":generateContent") || bare.endsWith(STREAM_METHOD);
  }

  /** The model named in the path, or {@code ""}. */
  static String model(String path) {
    Matcher matcher = MODEL.matcher(path);
    return matcher.find() ? matcher.group(1) : "";
  }

  /** Gemini streams by method, not by a body field. */
  static boolean streams(String path) {
    return path.contains(STREAM_METHOD);
  }

  static String response(Completion c) {
    return chunk(c, c.text(), true);
  }

  /** One chunk per piece of the text; the last one carries the finish reason and the usage, as Gemini's does. */
  static List<String> chunks(Completion c) {
    List<String> events = new ArrayList<>();
    List<String> pieces = c.pieces();
    for (int i = 0; i < pieces.size(); i++) {
      events.add(data(chunk(c, pieces.get(i), i == pieces.size() - 1)));
    }
    return events;
  }

  /** The Google API error envelope; {@code status} is the canonical code name ({@code UNAVAILABLE}, ...). */
  static String error(int code, String status, String message) {
    return "{\"error\":{\"code\":" + code + ",\"message\":" + JsonStrings.quote(message) + ",\"status\":"
        + JsonStrings.quote(status) + "}}";
  }

  /** A {@code data:} line carrying the error envelope, as Gemini ends a stream that fails midway. */
  static String streamError(int code, String status, String message) {
    return data(error(code, status, message));
  }

  /** The canonical Google status for an HTTP status (google.rpc.Code as the Gemini API maps it). */
  static String statusFor(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "INTERNAL";
    };
  }

  private static String chunk(Completion c, String text, boolean last) {
    return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + JsonStrings.quote(text) + "}],\"role\":\"model\"}"
        + (last ? ",\"finishReason\":\"STOP\"" : "") + ",\"index\":0}]"
        + ",\"usageMetadata\":{\"promptTokenCount\":" + c.inputTokens()
        + (last ? ",\"candidatesTokenCount\":" + c.outputTokens() : "")
        + ",\"totalTokenCount\":" + (c.inputTokens() + (last ? c.outputTokens() : 0)) + "}"
        + ",\"modelVersion\":" + JsonStrings.quote(c.model()) + ",\"responseId\":" + JsonStrings.quote(c.id()) + "}";
  }

  private static String data(String payload) {
    return "data: " + payload + "\r\n\r\n";
  }
}
