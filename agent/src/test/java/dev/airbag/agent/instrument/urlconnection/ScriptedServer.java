package dev.airbag.agent.instrument.urlconnection;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP server for the adapter's tests: answers each request body through a script (status and body) and
 * records the bodies and an {@code Authorization} header it received. Thread-safe.
 */
final class ScriptedServer implements AutoCloseable {
  /** One scripted answer. */
  static final class Answer {
    final int status;
    final String contentType;
    final String body;
    final List<String[]> headers;

    Answer(int status, String contentType, String body) {
      this(status, contentType, body, List.of());
    }

    private Answer(int status, String contentType, String body, List<String[]> headers) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
      this.headers = headers;
    }

    /** This answer with one more header line (a name may come twice). */
    Answer withHeader(String name, String value) {
      List<String[]> more = new ArrayList<>(headers);
      more.add(new String[] {name, value});
      return new Answer(status, contentType, body, more);
    }
  }

  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  ScriptedServer(Function<String, Answer> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(body);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      Answer answer = script.apply(body);
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", answer.contentType);
      answer.headers.forEach(header -> exchange.getResponseHeaders().add(header[0], header[1]));
      exchange.sendResponseHeaders(answer.status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
