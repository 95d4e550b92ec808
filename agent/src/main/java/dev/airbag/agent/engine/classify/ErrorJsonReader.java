package dev.airbag.agent.engine.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Streams an error body into {@link ErrorFields} without building a tree: it descends only into the few
 * containers where providers put error facts, to a bounded depth, and keeps whatever it read before malformed
 * or truncated JSON. Stateless and thread-safe (the shared {@link JsonFactory} is).
 */
final class ErrorJsonReader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_DEPTH = 8;
  private static final int MAX_QUOTA_TEXT = 1024;
  private static final Set<String> CONTAINERS = new HashSet<>(Arrays.asList("", "error", "error.details",
      "error.details.violations", "error.innererror", "candidates", "promptFeedback", "choices"));
  // Finish reasons of a healthy answer; they say nothing about a failure.
  private static final Set<String> BENIGN_FINISH = new HashSet<>(Arrays.asList("stop", "length", "tool_calls",
      "function_call", "end_turn", "max_tokens", "finish_reason_unspecified"));

  private ErrorJsonReader() {
  }

  static ErrorFields read(ErrorBody body) {
    ErrorFields fields = new ErrorFields();
    if (!startsLikeJson(body)) {
      return fields;
    }
    try (JsonParser parser = JSON.createParser(body.bytes(), 0, body.length())) {
      walk(parser, parser.nextToken(), "", 0, fields);
    } catch (IOException | RuntimeException e) {
      // Malformed or cut JSON: the fields read so far are still the best evidence there is.
    }
    return fields;
  }

  private static void walk(JsonParser p, JsonToken token, String path, int depth, ErrorFields f)
      throws IOException {
    if (token == null) {
      return;
    }
    if (token.isScalarValue()) {
      accept(p, token, path, f);
      return;
    }
    // Provider error facts sit in a handful of shallow places; skip everything else (prompts, content).
    if (depth >= MAX_DEPTH || !CONTAINERS.contains(path)) {
      p.skipChildren();
      return;
    }
    if (token == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        walk(p, p.nextToken(), path.isEmpty() ? name : path + '.' + name, depth + 1, f);
      }
    } else if (token == JsonToken.START_ARRAY) {
      JsonToken element;
      while ((element = p.nextToken()) != null && element != JsonToken.END_ARRAY) {
        walk(p, element, path, depth + 1, f);
      }
    }
  }

  private static void accept(JsonParser p, JsonToken token, String path, ErrorFields f) throws IOException {
    String text = token == JsonToken.VALUE_STRING ? p.getText() : null;
    switch (path) {
      case "error":
      case "message":
      case "detail":
      case "error.message":
        f.message(text);
        break;
      case "type":
        // Anthropic wraps every error in {"type":"error"}: that says nothing.
        f.topType = "error".equals(text) ? f.topType : first(f.topType, text);
        break;
      case "code":
        f.topCode = first(f.topCode, text);
        break;
      case "__type":
        f.amznType(text);
        break;
      case "error.type":
        f.type = first(f.type, text);
        break;
      case "error.code":
        // Gemini repeats the HTTP status as a number here; only a string is a provider code.
        f.code = first(f.code, text);
        break;
      case "error.status":
        f.status = first(f.status, text);
        break;
      case "error.details.error_code":
        f.detailsCode = first(f.detailsCode, text);
        break;
      case "error.details.reason":
        f.detailsReason = first(f.detailsReason, text);
        break;
      case "error.innererror.code":
        f.innerCode = first(f.innerCode, text);
        break;
      case "error.details.retryDelay":
        f.retryDelay = first(f.retryDelay, text);
        break;
      case "error.details.violations.quotaId":
      case "error.details.violations.quotaValue":
        appendQuota(f, path.substring(path.lastIndexOf('.') + 1), p.getText());
        break;
      case "promptFeedback.blockReason":
        f.blockReason = first(f.blockReason, text);
        break;
      case "candidates.finishReason":
      case "choices.finish_reason":
        if (text != null && !BENIGN_FINISH.contains(text.toLowerCase(Locale.ROOT))) {
          f.finishReason = first(f.finishReason, text);
        }
        break;
      default:
        break;
    }
  }

  private static void appendQuota(ErrorFields f, String name, String value) {
    if (value != null && f.quotaText.length() < MAX_QUOTA_TEXT) {
      f.quotaText.append(name).append('=').append(value).append("; ");
    }
  }

  private static String first(String current, String candidate) {
    return current != null || candidate == null || candidate.isEmpty() ? current : candidate;
  }

  private static boolean startsLikeJson(ErrorBody body) {
    byte[] bytes = body.bytes();
    for (int i = 0; i < body.length(); i++) {
      byte b = bytes[i];
      if (b == '{' || b == '[') {
        return true;
      }
      // Leading whitespace and a UTF-8 byte order mark are fine; anything else (an HTML page) is not JSON.
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && (b & 0xff) != 0xEF && (b & 0xff) != 0xBB
          && (b & 0xff) != 0xBF) {
        return false;
      }
    }
    return false;
  }
}
