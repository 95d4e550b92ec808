package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an open circuit answers instead of the network: a 503 shaped like the provider's own "overloaded" error, so
 * that the app's SDK raises the exception it already handles, with a Retry-After of the time left open and, once the
 * call has waited as long as its retries would have, {@code X-Should-Retry: false} so that the SDK does not retry
 * on top.
 */
final class ShortCircuitResponses {
  static final int STATUS = 503;

  private ShortCircuitResponses() {}

  static Map<String, String> headers(Provider provider, long retryAfterSeconds, boolean exhausted) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (provider == Provider.BEDROCK) {
      // The AWS SDK picks the exception it raises from this header.
      headers.put("x-amzn-ErrorType", "ServiceUnavailableException");
    }
    headers.put("Retry-After", Long.toString(retryAfterSeconds));
    if (exhausted) {
      headers.put("X-Should-Retry", "false");
    }
    headers.put("x-airbag-circuit", "open");
    return headers;
  }

  static byte[] body(Provider provider, String circuit, long retryAfterSeconds) {
    String message = "Airbag: the circuit for " + circuit + " is open after repeated provider failures; retry after "
        + retryAfterSeconds + "s.";
    String quoted = quote(message);
    String json;
    switch (provider) {
      case ANTHROPIC:
        json = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":" + quoted + "}}";
        break;
      case GEMINI:
        json = "{\"error\":{\"code\":503,\"message\":" + quoted + ",\"status\":\"UNAVAILABLE\"}}";
        break;
      case BEDROCK:
        json = "{\"message\":" + quoted + "}";
        break;
      default:
        json = "{\"error\":{\"message\":" + quoted + ",\"type\":\"server_error\",\"param\":null,\"code\":\"circuit_open\"}}";
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c < 0x20 ? ' ' : c);
    }
    return quoted.append('"').toString();
  }
}
