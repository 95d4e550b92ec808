package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A collector that trickles its answer, answers with a huge body, or redirects: the sender is never held. */
class SlowAndHugeCollectorTest {
  private final HttpServer server = start();
  private final AtomicInteger redirectedTo = new AtomicInteger();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anAnswerThatTricklesEndsAtTheRequestTimeout() throws Exception {
    try (HttpTransport transport = transport("/trickle")) {
      long start = System.nanoTime();

      assertThrows(HttpTimeoutException.class, () -> transport.send(batch(), Duration.ofMillis(500).toNanos()));

      // Generous: the trickle alone would last a minute.
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }
  }

  @Test
  void aHugeAnswerIsReadOnlyForItsStart() throws Exception {
    try (HttpTransport transport = transport("/huge")) {
      CollectorResponse response = transport.send(batch(), Duration.ofSeconds(10).toNanos());

      assertEquals(200, response.status());
      assertTrue(response.bodyStart().length() <= HttpTransport.BODY_START_CHARS + 1, response.bodyStart());
    }
  }

  @Test
  void aRedirectIsNeverFollowedAndIsRetriedLater() throws Exception {
    try (HttpTransport transport = transport("/redirect")) {
      CollectorResponse response = transport.send(batch(), Duration.ofSeconds(10).toNanos());

      assertEquals(307, response.status());
      assertEquals(SendResult.Kind.RETRY, SendResult.of(response, 0).kind);
      assertEquals(0, redirectedTo.get(), "the batch and its headers went nowhere else");
    }
  }

  private HttpTransport transport(String path) throws Exception {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return new HttpTransport("test", CollectorSettings.of(url, Map.of("Authorization", "Bearer x"), false, null));
  }

  private static EncodedBatch batch() {
    return new EncodedBatch("[]".getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.setExecutor(Executors.newCachedThreadPool());
      http.createContext("/trickle", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          for (int i = 0; i < 600; i++) {
            out.write('.');
            out.flush();
            Thread.sleep(100);
          }
        } catch (Exception closed) {
          // The client gave up: that is the point.
        }
      });
      http.createContext("/huge", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
          for (int i = 0; i < 1600; i++) {
            out.write(chunk);
          }
        } catch (Exception closed) {
          // Cancelled after the first kilobyte.
        }
      });
      http.createContext("/redirect", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Location", "/elsewhere");
        exchange.sendResponseHeaders(307, -1);
        exchange.close();
      });
      http.createContext("/elsewhere", exchange -> {
        redirectedTo.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      http.start();
      return http;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
