package dev.airbag.it.apps;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Exceptions;

/**
 * An ordinary Spring WebClient app on Apache HttpClient 5's async client ({@code HttpComponentsClientHttpConnector},
 * its body written through httpcore5-reactive): a JSON POST per call with {@code bodyValue}, its answer read whole,
 * or as server-sent events one by one. One RESULT line per call and a SUMMARY. Knows nothing of Airbag; compiled at
 * test time against app-libs/webclient-hc5. Args: baseUrl json mode(post|stream) count.
 */
public final class WebClientApacheChatApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    WebClient web = WebClient.builder().clientConnector(new HttpComponentsClientHttpConnector()).baseUrl(baseUrl)
        .defaultHeader("Authorization", "Bearer sk-test-webclient-hc5").build();
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        String line = mode.equals("stream") ? stream(web, json) : post(web, json);
        ok += line.startsWith("status=2") ? 1 : 0;
        System.out.println("RESULT " + line);
      } catch (RuntimeException e) {
        System.out.println("RESULT error type=" + Exceptions.unwrap(e).getClass().getSimpleName());
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
    System.exit(0);
  }

  private static String post(WebClient web, String json) {
    return web.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
            .map(body -> line(response, body)))
        .block();
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
