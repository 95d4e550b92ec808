package dev.airbag.agent.instrument.reactornetty.adapter;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Serves the answers Airbag makes up (an open circuit's 503, a re-send answered from memory) over a real HTTP
 * exchange, so that the app gets them through Reactor Netty's own response path, as a provider's. Reactor Netty has
 * no response without a connection, and its response type is internal and differs between versions; a real
 * connection to a responder of Airbag's own does not depend on either. The responder is Reactor Netty's own server,
 * started on first need only (a failure path), bound to 127.0.0.1 on a random port, on Reactor Netty's shared event
 * loops (a default client's; no thread of Airbag's). Each answer is served once, at a path holding a random 128-bit token, and to nothing else (a
 * 404). Thread-safe.
 */
final class LoopbackAnswers {
  private static final String PREFIX = "/airbag-answer/";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, Answer> PENDING = new ConcurrentHashMap<>();
  private static CompletableFuture<DisposableServer> server; // guarded by the class

  private LoopbackAnswers() {}

  /**
   * The URI that answers once with this response, once the responder listens (binding never blocks: the caller may
   * be an event loop); {@link #forget} it when the attempt ends without asking.
   */
  static CompletableFuture<URI> offer(int status, Map<String, String> headers, byte[] body) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    StringBuilder token = new StringBuilder();
    for (byte b : bytes) {
      token.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    String path = PREFIX + token;
    PENDING.put(path, new Answer(status, headers, body));
    return running().thenApply(bound -> URI.create("http://127.0.0.1:" + bound.port() + path))
        .whenComplete((uri, failure) -> {
          if (failure != null) {
            PENDING.remove(path);
          }
        });
  }

  static void forget(URI uri) {
    PENDING.remove(uri.getRawPath());
  }

  private static synchronized CompletableFuture<DisposableServer> running() {
    CompletableFuture<DisposableServer> running = server;
    // A failed bind is tried again; the app may have disposed Reactor Netty's shared loops, and the server with them.
    if (running == null || running.isCompletedExceptionally()
        || running.isDone() && running.getNow(null).isDisposed()) {
      running = HttpServer.create().host("127.0.0.1").port(0)
          .handle((request, response) -> {
            Answer answer = PENDING.remove(request.uri());
            if (answer == null) {
              return response.status(404).send();
            }
            response.status(answer.status);
            answer.headers.forEach((name, value) -> {
              if (!"content-length".equalsIgnoreCase(name) && !"transfer-encoding".equalsIgnoreCase(name)) {
                response.header(name, value);
              }
            });
            response.header("content-length", Integer.toString(answer.body.length));
            return response.sendByteArray(Mono.just(answer.body));
          })
          .bind().cast(DisposableServer.class).toFuture();
      server = running;
    }
    return running;
  }

  private static final class Answer {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Answer(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body == null ? new byte[0] : body;
    }
  }
}
