package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Small builders the replay tests share: an attempt holding an error body, an exchange, the app's view of a body. */
final class HttpBodies {
  static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("http://127.0.0.1/v1/chat/completions")).build();

  private HttpBodies() {}

  static JdkAttempt attempt(int status, HeldErrorBody body) {
    return JdkAttempt.of(new ReplayedResponse<>(status, HttpHeaders.of(Map.of(), (name, value) -> true), body, REQUEST,
        HttpClient.Version.HTTP_1_1, Optional.empty()), null);
  }

  static JdkExchange exchange(int limit) {
    return new JdkExchange(null, REQUEST, HttpResponse.BodyHandlers.ofString(), null, false, limit);
  }

  /** The app's {@code ofString} handler gets {@code expected} from the held body and its rest. */
  static void assertBody(String expected, HeldErrorBody held) {
    HttpResponse.BodySubscriber<String> app = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    held.rest.relayTo(app, held.bytes);
    assertEquals(expected, app.getBody().toCompletableFuture().getNow(null));
  }
}
