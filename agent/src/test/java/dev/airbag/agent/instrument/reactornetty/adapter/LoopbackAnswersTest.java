package dev.airbag.agent.instrument.reactornetty.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** The responder over real loopback sockets: each answer once, at its own random path, and nothing else. */
class LoopbackAnswersTest {
  private static final String BODY = "{\"error\":{\"code\":\"circuit_open\"}}";

  @Test
  void anAnswerIsServedOnceWithItsStatusHeadersAndBodyThenNotAgain() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Retry-After", "7");
    URI uri = LoopbackAnswers.offer(503, headers, BODY.getBytes()).get(10, TimeUnit.SECONDS);

    assertEquals("127.0.0.1", uri.getHost());
    assertEquals("503 7 application/json " + BODY, get(uri));
    assertEquals("404 null null ", get(uri), "served once");
  }

  @Test
  void aPathNotOfferedOrForgottenIsNotFound() throws Exception {
    URI uri = LoopbackAnswers.offer(503, Map.of(), BODY.getBytes()).get(10, TimeUnit.SECONDS);
    LoopbackAnswers.forget(uri);

    assertEquals("404 null null ", get(uri));
    assertEquals("404 null null ", get(uri.resolve("/airbag-answer/")));
  }

  private static String get(URI uri) {
    return HttpClient.create().get().uri(uri).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
        .map(text -> response.status().code() + " " + response.responseHeaders().get("Retry-After") + " "
            + response.responseHeaders().get("Content-Type") + " " + text)).block();
  }
}
