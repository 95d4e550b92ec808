package dev.airbag.agent.uncaught;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An OpenAI-compatible chat endpoint on loopback that answers what a test tells it, optionally held at a gate. */
final class FakeChatServer implements AutoCloseable {
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final CountDownLatch entered = new CountDownLatch(1);
  private final HttpServer server;
  private volatile int status = 200;
  private volatile String answer = "";
  private volatile CountDownLatch gate = new CountDownLatch(0);

  FakeChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      entered.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      try {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException clientGone) {
        // The client timed out and hung up: nothing to deliver.
      }
    });
    server.start();
  }

  /** Answers every request with this status and body. */
  FakeChatServer answering(int status, String body) {
    this.status = status;
    this.answer = body;
    return this;
  }

  /** Holds every response until the returned latch is counted down. */
  CountDownLatch holding() {
    CountDownLatch latch = new CountDownLatch(1);
    this.gate = latch;
    return latch;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
  }

  @Override
  public void close() {
    gate.countDown();
    server.stop(0);
  }
}
