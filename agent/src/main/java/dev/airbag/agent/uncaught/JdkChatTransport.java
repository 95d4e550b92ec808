package dev.airbag.agent.uncaught;

import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts to the AI classifier's endpoint with {@link HttpClient}, inside {@link ReentrancyGuard} so that
 * Airbag's own HTTP hooks let the call pass untouched (it must not be retried, broken or reported as the app's
 * LLM traffic). Every request has a timeout. Thread-safe.
 */
final class JdkChatTransport implements ChatTransport {
  /** An answer is a few hundred bytes; a larger body is not a label. */
  private static final int MAX_BODY_CHARS = 64 * 1024;

  /** Made on first use, on the review worker: an app that never needs a label never starts its threads. */
  private volatile HttpClient client;
  private final URI endpoint;
  private final String apiKey;
  private final Duration timeout;

  /** @param apiKey the bearer key, or null to send none */
  JdkChatTransport(URI endpoint, String apiKey, Duration timeout) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  @Override
  public ChatResponse post(String jsonBody) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (apiKey != null && !apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    ReentrancyGuard.enter();
    try {
      HttpResponse<String> response = client().send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String body = response.body() == null ? "" : response.body();
      return new ChatResponse(response.statusCode(),
          body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body,
          name -> response.headers().firstValue(name).orElse(null));
    } finally {
      ReentrancyGuard.exit();
    }
  }

  private HttpClient client() {
    HttpClient current = client;
    // Only the review worker posts; were two threads to race here, one spare client would be the only cost.
    if (current == null) {
      current = HttpClient.newBuilder().connectTimeout(timeout).build();
      client = current;
    }
    return current;
  }
}
