package dev.airbag.agent.telemetry.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/** A loopback collector: records every request (body un-gzipped) and answers as the test's responder says. */
final class FakeCollector implements AutoCloseable {
  record Request(int number, String path, Map<String, String> headers, byte[] body, long receivedNanos, int status) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  record Reply(int status, Map<String, String> headers, String body) {
    static Reply ok() {
      return new Reply(200, Map.of(), "");
    }

    static Reply status(int status) {
      return new Reply(status, Map.of(), "");
    }
  }

  @FunctionalInterface
  interface Responder {
    Reply reply(int number) throws Exception;
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  volatile Responder responder = n -> Reply.ok();

  FakeCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests answered with a 2xx, in arrival order. */
  List<Request> accepted() {
    return requests.stream().filter(r -> r.status() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      long received = System.nanoTime();
      int number = count.incrementAndGet();
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] raw = in.readAllBytes();
        body = "gzip".equals(headers.get("content-encoding"))
            ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw;
      }
      Reply reply;
      try {
        reply = responder.reply(number);
      } catch (Exception e) {
        reply = Reply.status(500);
      }
      requests.add(new Request(number, exchange.getRequestURI().getPath(), headers, body, received, reply.status()));
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
