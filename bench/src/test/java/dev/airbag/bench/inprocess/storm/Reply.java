package dev.airbag.bench.inprocess.storm;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** A response as the SDK and the engine see it: status, headers (lower-case names) and body. Immutable. */
record Reply(int status, Map<String, String> headers, byte[] body) {
  private static final byte[] MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] OVERLOADED =
      "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
          .getBytes(StandardCharsets.UTF_8);

  /** What the provider answers with {@code status}: Anthropic's message, or its 529 {@code overloaded_error}. */
  static Reply fromProvider(int status) {
    return new Reply(status, Map.of("content-type", "application/json", "request-id", "req_sim"),
        status == CapacityProvider.OK ? MESSAGE : OVERLOADED);
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
