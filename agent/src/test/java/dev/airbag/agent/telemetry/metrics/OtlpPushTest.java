package dev.airbag.agent.telemetry.metrics;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.time.Clock;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP registry pushes to a loopback receiver on real time, with a one-second step and generous bounds. */
class OtlpPushTest {
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpServer receiver = receiver();

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void theOtlpRegistryPushesAirbagMetricsThatDecodeWithTheOfficialProtoClasses() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics";
    try (AgentMetrics metrics = TestMetrics.start(Clock.SYSTEM, "airbag.metrics.otlp.enabled", "true",
        "airbag.metrics.otlp.endpoint", url, "airbag.metrics.step", "1s",
        "airbag.export.headers", "Authorization=Bearer collector-token", "airbag.alerts.enabled", "false")) {
      metrics.binder().recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.RECOVERED, 5_000_000);

      Metric calls = null;
      Received push = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (calls == null && System.nanoTime() < deadline) {
        push = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        calls = push == null ? null : find(push.request, MetricNames.CALLS);
      }

      assertNotNull(calls, "no push carrying " + MetricNames.CALLS + " within 30s");
      assertEquals("Bearer collector-token", push.authorization);
      assertEquals("checkout", resourceAttribute(push.request, "service.name"));
      String tags = calls.toString();
      assertTrue(tags.contains("gpt-4o") && tags.contains("recovered") && tags.contains("openai"), tags);
      assertTrue(metrics.otlpPushes() >= 1);
    }
  }

  private static Metric find(ExportMetricsServiceRequest request, String name) {
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          if (metric.getName().equals(name) && !metric.toString().isEmpty()) {
            return metric;
          }
        }
      }
    }
    return null;
  }

  private static String resourceAttribute(ExportMetricsServiceRequest request, String key) {
    for (KeyValue attribute : request.getResourceMetrics(0).getResource().getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  private HttpServer receiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.createContext("/v1/metrics", exchange -> {
        try (InputStream raw = exchange.getRequestBody()) {
          boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          InputStream body = gzip ? new GZIPInputStream(raw) : raw;
          received.add(new Received(ExportMetricsServiceRequest.parseFrom(body),
              exchange.getRequestHeaders().getFirst("Authorization")));
          exchange.sendResponseHeaders(200, -1);
        } finally {
          exchange.close();
        }
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One decoded push and its auth header. */
  private record Received(ExportMetricsServiceRequest request, String authorization) {
  }
}
