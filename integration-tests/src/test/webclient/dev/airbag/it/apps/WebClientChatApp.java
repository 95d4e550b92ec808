package dev.airbag.it.apps;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Exceptions;

/**
 * An ordinary Spring WebClient app on its default connector (Reactor Netty): a JSON POST per call with
 * {@code bodyValue}, its answer read whole (or through {@code retrieve()}, mode retrieve), or as server-sent events one by one; or the same POST through a
 * {@code RestClient} on {@code ReactorClientHttpRequestFactory} (mode restclient). One RESULT line per call and a
 * SUMMARY. Knows nothing of Airbag; compiled at test time against app-libs/webclient. Args: baseUrl json
 * mode(post|stream|restclient|retrieve) count.
 */
public final class WebClientChatApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    WebClient web = WebClient.builder().baseUrl(baseUrl)
        .defaultHeader("Authorization", "Bearer sk-test-webclient").build();
    RestClient rest = RestClient.builder().requestFactory(new ReactorClientHttpRequestFactory()).baseUrl(baseUrl)
        .defaultHeader("Authorization", "Bearer sk-test-restclient").build();
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        String line = mode.equals("stream") ? stream(web, json) : mode.equals("restclient") ? post(rest, json)
            : mode.equals("retrieve") ? retrieve(web, json) : post(web, json);
        ok += line.startsWith("status=2") ? 1 : 0;
        System.out.println("RESULT " + line);
      } catch (RuntimeException e) {
        System.out.println("RESULT error type=" + Exceptions.unwrap(e).getClass().getSimpleName());
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static String post(WebClient web, String json) {
    return web.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
            .map(body -> line(response, body)))
        .block();
  }

  /** {@code retrieve()}: an error status is the app's exception, as Spring raises it. */
  private static String retrieve(WebClient web, String json) {
    try {
      String body = web.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
          .retrieve().bodyToMono(String.class).block();
      return "status=200 body=" + body.replace('\n', ' ');
    } catch (WebClientResponseException e) {
      return "error type=" + e.getClass().getSimpleName() + " status=" + e.getStatusCode().value() + " retry_after="
          + e.getHeaders().getFirst("Retry-After") + " body=" + e.getResponseBodyAsString().replace('\n', ' ');
    }
  }

  private static String post(RestClient rest, String json) {
    return rest.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).body(json)
        .exchange((request, response) -> {
          String served = response.getHeaders().getFirst("x-airbag-served-model");
          String body = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          return "status=" + response.getStatusCode().value() + " served_by=" + (served == null ? "-" : served)
              + " body=" + body.replace('\n', ' ');
        });
  }

  private static String stream(WebClient web, String json) {
    long start = System.nanoTime();
    AtomicLong first = new AtomicLong(-1);
    return web.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.TEXT_EVENT_STREAM).bodyValue(json)
        .exchangeToMono(response -> response.bodyToFlux(String.class)
            .doOnNext(event -> first.compareAndSet(-1, (System.nanoTime() - start) / 1_000_000))
            .collectList()
            .map(events -> {
              long total = (System.nanoTime() - start) / 1_000_000;
              System.out.println("STREAM first_line_ms=" + first.get() + " total_ms=" + total + " lines="
                  + events.size());
              return line(response, String.join(" ", events));
            }))
        .block();
  }

  private static String line(ClientResponse response, String body) {
    String served = response.headers().asHttpHeaders().getFirst("x-airbag-served-model");
    return "status=" + response.statusCode().value() + " served_by=" + (served == null ? "-" : served) + " body="
        + body.replace('\n', ' ');
  }
}
