package dev.airbag.it.apps;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * A hand-written Reactor Netty client: one {@code HttpClient} for the run, a JSON POST per call sent as a
 * {@code ByteBufFlux}, its answer read whole ({@code responseSingle}), as content only ({@code responseContent}), or
 * as a stream chunk by chunk ({@code response}); one RESULT line per call and a SUMMARY. Knows nothing of Airbag;
 * compiled at test time against app-libs/reactor-netty, for Java 11 too. Mode cancel gives up on each answer after
 * 1 s ({@code timeout}, which cancels the subscription) and waits 3 s before exiting. Mode headers reads the
 * answer whole with its Retry-After and X-Should-Retry. Mode mixed follows each call with the same POST to the
 * server's {@code /other}, on the same pooled connection, and prints its RESULT too. Args: url json
 * mode(post|content|stream|get|cancel|headers|h2|mixed) count. Mode h2 posts over HTTP/2 with TLS.
 */
public final class ReactorNettyChatApp {
  public static void main(String[] args) {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    // Mode h2: HTTP/2 over TLS (ALPN), trusting what the JVM's trust store says; then as post.
    HttpClient client = mode.equals("h2") ? HttpClient.create().secure().protocol(HttpProtocol.H2)
        : HttpClient.create();
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        String line = call(client, url, json, mode);
        ok += line.startsWith("status=2") ? 1 : 0;
        System.out.println("RESULT " + line);
        if (mode.equals("mixed")) {
          System.out.println("RESULT other " + call(client, java.net.URI.create(url).resolve("/other").toString(),
              json, "post"));
        }
      } catch (RuntimeException e) {
        System.out.println("RESULT error type=" + Exceptions.unwrap(e).getClass().getSimpleName());
      }
    }
    if (mode.equals("cancel")) {
      // Anything the app no longer waits for would reach the server in this time.
      sleep(3000);
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String call(HttpClient client, String url, String json, String mode) {
    if (mode.equals("get")) {
      return client.get().uri(url).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
          .map(text -> line(response, text))).block();
    }
    HttpClient.ResponseReceiver<?> post = client
        .headers(headers -> {
          headers.set("Authorization", "Bearer sk-test-reactor-netty");
          headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
          if (mode.equals("stream")) {
            headers.set(HttpHeaderNames.ACCEPT, "text/event-stream");
          }
        })
        .post().uri(url).send(ByteBufFlux.fromString(Mono.just(json)));
    switch (mode) {
      case "content":
        return "status=2xx body=" + post.responseContent().aggregate().asString().block().replace('\n', ' ');
      case "stream":
        return stream(post);
      case "headers":
        return post.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> "status=" + response.status().code() + " retry_after="
                + response.responseHeaders().get("Retry-After") + " should_retry="
                + response.responseHeaders().get("X-Should-Retry") + " body=" + text.replace('\n', ' '))).block();
      case "cancel":
        return post.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> line(response, text))).timeout(java.time.Duration.ofMillis(1000)).block();
      default:
        return post.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> line(response, text))).block();
    }
  }

  private static String stream(HttpClient.ResponseReceiver<?> post) {
    long start = System.nanoTime();
    AtomicLong first = new AtomicLong(-1);
    return post.response((response, content) -> content.asString()
            .doOnNext(chunk -> first.compareAndSet(-1, (System.nanoTime() - start) / 1_000_000))
            .reduce(new StringBuilder(), StringBuilder::append)
            .map(text -> {
              long total = (System.nanoTime() - start) / 1_000_000;
              long lines = text.chars().filter(c -> c == '\n').count();
              System.out.println("STREAM first_line_ms=" + first.get() + " total_ms=" + total + " lines=" + lines);
              return line(response, text.toString());
            }))
        .blockLast();
  }

  private static String line(HttpClientResponse response, String body) {
    String served = response.responseHeaders().get("x-airbag-served-model");
    return "status=" + response.status().code() + " protocol=" + response.version() + " served_by=" + (served == null ? "-" : served) + " body="
        + body.replace('\n', ' ');
  }
}
