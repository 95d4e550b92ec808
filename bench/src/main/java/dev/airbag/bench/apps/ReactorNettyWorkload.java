package dev.airbag.bench.apps;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A chat completion POSTed through Reactor Netty's {@code HttpClient} (what Spring's WebClient runs on), its body a
 * {@code Mono} as WebClient sends it, one client and pool for the run, blocking on each answer.
 */
final class ReactorNettyWorkload implements Workload {
  private static final byte[] BODY = JdkHttpWorkload.BODY.getBytes(StandardCharsets.UTF_8);

  private final HttpClient.RequestSender post;

  ReactorNettyWorkload(String llmBaseUrl) {
    this.post = HttpClient.create()
        .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer sk-bench-not-a-real-key")
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
        .post().uri(llmBaseUrl + "/v1/chat/completions");
  }

  @Override
  public void call() {
    String body = post.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(BODY)))
        .responseSingle((response, content) -> response.status().code() != 200
            ? Mono.error(new IllegalStateException("unexpected answer " + response.status().code()))
            : content.asString())
        .block();
    if (body == null || !body.contains("choices")) {
      throw new IllegalStateException("unexpected answer " + body);
    }
  }

  @Override
  public void close() {
    // The client's pool and event loops are Reactor Netty's global ones, daemon threads that end with the JVM.
  }
}
