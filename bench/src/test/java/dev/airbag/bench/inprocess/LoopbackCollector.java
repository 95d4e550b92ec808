package dev.airbag.bench.inprocess;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A collector on loopback that reads each request and answers 200, at once, or, while {@link #hang()} is in force,
 * only after 10 s (a collector that stopped answering). Thread-safe.
 */
final class LoopbackCollector implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile CountDownLatch hold;

  LoopbackCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on every request waits up to 10 s before its answer, until {@link #release()}. */
  void hang() {
    hold = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch current = hold;
    hold = null;
    if (current != null) {
      current.countDown();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      CountDownLatch current = hold;
      if (current != null) {
        current.await(10, TimeUnit.SECONDS);
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
