package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.config.ExportKeys;
import dev.airbag.agent.telemetry.health.HealthReportTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeEndpointTest {
  private static final String CANARY = "sk-canary-123";

  private final FakeClock clock = new FakeClock();
  private final int port = Http.freePort();
  private final AgentMetrics metrics = TestMetrics.start(clock, "airbag.metrics.prometheus.port", port,
      "airbag.export.headers", "Authorization=Bearer " + CANARY, "airbag.alerts.enabled", "false");
  private final CircuitBreakers circuits = Circuits.registry(clock, metrics.binder());

  ScrapeEndpointTest() {
    metrics.bindCircuits(circuits);
  }

  @AfterEach
  void stop() {
    metrics.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void metricsAreServedInPrometheusTextFormatUnderTheirNames() throws Exception {
    LlmMetricsBinder binder = metrics.binder();
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.FAILED, 1_000_000);
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    binder.onRetry(Calls.openai("gpt-4o"), "gpt-4o");
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");
    binder.recordException("null_pointer", Severity.CRITICAL);
    Circuits.open(circuits, "openai", "gpt-4o");
    metrics.bindExportStats(List.of("otlp"), (sink, result) -> 3);

    HttpResponse<String> response = Http.get(url("/metrics"));

    assertEquals(200, response.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").get());
    String body = response.body();
    for (String line : List.of(
        "# TYPE airbag_llm_calls_seconds histogram",
        "airbag_llm_calls_seconds_count{model=\"gpt-4o\",outcome=\"failed\",provider=\"openai\","
            + "service=\"checkout\"} 1",
        "airbag_llm_attempts_total{category=\"rate_limited\",model=\"gpt-4o\",provider=\"openai\","
            + "service=\"checkout\"} 1.0",
        "airbag_llm_retries_total{model=\"gpt-4o\",provider=\"openai\",service=\"checkout\"} 1.0",
        "airbag_llm_fallbacks_total{from=\"gpt-4o\",service=\"checkout\",to=\"gpt-4o-mini\"} 1.0",
        "airbag_circuit_state{endpoint=\"openai\",model=\"gpt-4o\",service=\"checkout\"} 2.0",
        "airbag_circuit_transitions_total{endpoint=\"openai\",from=\"closed\",model=\"gpt-4o\","
            + "service=\"checkout\",to=\"open\"} 1.0",
        "airbag_exceptions_total{category=\"null_pointer\",service=\"checkout\",severity=\"critical\"} 1.0",
        "airbag_export_events_total{result=\"spooled\",service=\"checkout\",sink=\"otlp\"} 3.0")) {
      assertTrue(body.contains(line), () -> "missing '" + line + "' in\n" + body);
    }
    assertFalse(body.contains(CANARY));
  }

  @Test
  void theEndpointBindsToLoopbackOnlyByDefault() throws Exception {
    assertTrue(InetAddress.getByName(ExportKeys.PROMETHEUS_HOST.defaultValue()).isLoopbackAddress());
    assertEquals(port, metrics.scrapePort());

    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress()) {
          // A non-loopback address of this host must not reach the endpoint.
          try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(address, port), 2000),
                "reachable on " + address);
          }
        }
      }
    }
  }

  @Test
  void healthTurnsFromOkToDegradedToDownAsCircuitsOpenWhileNoCallIsMade() throws Exception {
    Circuits.use(circuits, "openai", "gpt-4o");
    Circuits.use(circuits, "openai", "gpt-4o-mini");
    assertEquals("ok", status(Http.get(url("/health"))));

    Circuits.open(circuits, "openai", "gpt-4o");
    HttpResponse<String> degraded = Http.get(url("/health"));
    assertEquals("degraded", status(degraded));
    assertEquals(200, degraded.statusCode());
    assertEquals("application/json; charset=utf-8", degraded.headers().firstValue("Content-Type").get());

    Circuits.open(circuits, "openai", "gpt-4o-mini");
    HttpResponse<String> down = Http.get(url("/health"));
    assertEquals("down", status(down));
    assertTrue(HealthReportTest.fields(down.body()).containsAll(List.of("model=gpt-4o", "state=open")));
  }

  @Test
  void healthListsFiringAlerts() throws Exception {
    for (int i = 0; i < 30; i++) {
      metrics.binder().onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.OVERLOADED));
    }
    metrics.alerts().evaluate();

    List<String> fields = HealthReportTest.fields(Http.get(url("/health")).body());

    assertTrue(fields.containsAll(List.of("status=degraded", "alert=transient_overloaded", "severity=critical",
        "reason=alerts firing: transient_overloaded")), fields::toString);
    assertFalse(fields.toString().contains(CANARY));
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, Http.get(url("/admin")).statusCode());
    assertEquals(405, Http.send(HttpRequest.newBuilder(java.net.URI.create(url("/metrics")))
        .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
  }

  @Test
  void everyServerThreadIsADaemonSoTheAppCanExit() throws Exception {
    Http.get(url("/metrics"));

    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("airbag-metrics") || thread.getName().startsWith("HTTP-Dispatcher")) {
        assertTrue(thread.isDaemon(), thread.getName() + " is not a daemon");
      }
    }
  }

  @Test
  void aPortInUseLeavesTheAgentRunningWithoutTheEndpoint() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        AgentMetrics second = TestMetrics.start(clock, "airbag.metrics.prometheus.port", taken.getLocalPort())) {
      assertEquals(-1, second.scrapePort());
      second.binder().onRetry(Calls.openai("gpt-4o"), "gpt-4o");
      assertTrue(second.scrape().contains("airbag_llm_retries_total"));
    }
  }

  @Test
  void healthReadsTheLiveCircuitState() {
    Circuits.open(circuits, "anthropic", "claude-opus");

    assertEquals(Map.of(new CircuitKey("anthropic", "claude-opus"), CircuitState.OPEN), metrics.health().circuits());
  }

  private static String status(HttpResponse<String> response) throws IOException {
    return HealthReportTest.fields(response.body()).get(0).substring("status=".length());
  }
}
