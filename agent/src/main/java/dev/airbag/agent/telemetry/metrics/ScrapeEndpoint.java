package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.support.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airbag.agent.engine.redact.ControlChars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (text format 0.0.4) and {@code GET /health} (JSON), on
 * the JDK's built-in HTTP server, handled by one daemon thread {@code airbag-metrics-http}. Every answer is
 * 200 while the agent runs, {@code /health} included: the verdict is in the body, so a probe misread as a
 * liveness check can never get the app restarted. A request whose {@code Host} names another site (DNS rebinding
 * from a browser) gets 421 and nothing else ({@link AllowedHosts}); control bytes never reach the text format.
 *
 * <p>The JDK server's own dispatcher thread inherits daemon status from the thread that starts it, so the
 * server is started from a short-lived daemon thread: otherwise a premain on {@code main} would leave a
 * non-daemon {@code HTTP-Dispatcher} that keeps the JVM alive. Thread-safe.
 */
public final class ScrapeEndpoint implements AutoCloseable {
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String HEALTH_TYPE = "application/json; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private ScrapeEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the endpoint; port 0 picks a free port (see {@link #port()}).
   *
   * @throws IOException when the address cannot be bound
   */
  public static ScrapeEndpoint start(String host, int port, Supplier<String> metrics, Supplier<String> health)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(new DaemonThreads("metrics-http"));
    server.setExecutor(executor);
    AllowedHosts hosts = new AllowedHosts(host);
    server.createContext("/", exchange -> handle(exchange, hosts, metrics, health));
    Thread starter = new DaemonThreads("metrics-start").newThread(server::start);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ScrapeEndpoint(server, executor);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops at once, without waiting for a scrape in flight. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void handle(HttpExchange exchange, AllowedHosts hosts, Supplier<String> metrics,
      Supplier<String> health) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!hosts.allows(exchange.getRequestHeaders().getFirst("Host"))) {
        respond(exchange, 421, "text/plain; charset=utf-8", "this endpoint answers only to its own host names\n",
            false);
      } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
        respond(exchange, 405, "text/plain; charset=utf-8", "only GET\n", false);
      } else if ("/metrics".equals(path)) {
        respond(exchange, 200, METRICS_TYPE, visible(metrics.get()), "HEAD".equals(method));
      } else if ("/health".equals(path)) {
        respond(exchange, 200, HEALTH_TYPE, health.get(), "HEAD".equals(method));
      } else {
        respond(exchange, 404, "text/plain; charset=utf-8", "try /metrics or /health\n", false);
      }
    } catch (RuntimeException e) {
      respond(exchange, 500, "text/plain; charset=utf-8", "airbag metrics failed: "
          + e.getClass().getSimpleName() + "\n", false);
    } finally {
      exchange.close();
    }
  }

  /** Every control byte but the line ends made visible: a tag value with NUL or ESC must not forge a line. */
  static String visible(String text) {
    if (text.indexOf('\n') < 0) {
      return ControlChars.escape(text);
    }
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
      out.append(ControlChars.escape(text.substring(start, end))).append('\n');
    }
    return out.append(ControlChars.escape(text.substring(start))).toString();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body, boolean headOnly)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, headOnly ? -1 : bytes.length);
    if (!headOnly) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
