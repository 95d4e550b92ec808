package dev.airbag.agent.telemetry.metrics;


import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server (Debian's package, installed by {@link PrometheusServer} when missing and running as
 * root) scrapes the agent's endpoint on loopback, and PromQL through its HTTP API counts the errors and computes a
 * latency percentile. Without a Prometheus binary the test is skipped, except on CI ({@code CI=true}) where it
 * fails.
 */
class PrometheusScrapeTest {
  @Test
  void aRealPrometheusScrapesTheAgentCountsTheErrorsAndComputesP95() throws Exception {
    Path binary = PrometheusServer.locateOrSkip();
    int port = Http.freePort();
    try (AgentMetrics metrics = TestMetrics.start(Clock.SYSTEM, "airbag.metrics.prometheus.port", port,
        "airbag.alerts.enabled", "false");
        PrometheusServer prometheus = PrometheusServer.start(binary, "127.0.0.1:" + port)) {
      LlmMetricsBinder binder = metrics.binder();
      for (int i = 0; i < 7; i++) {
        binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.OVERLOADED));
      }
      for (int i = 0; i < 3; i++) {
        binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
      }
      for (int i = 0; i < 20; i++) {
        binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", null);
      }
      binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.FAILED, 1_000_000);
      for (int i = 0; i < 100; i++) {
        // 90 calls in the 100-250 ms bucket and 10 in the 5-10 s one: p95 interpolates to 7.5 s.
        long nanos = i < 90 ? 200_000_000L : 8_000_000_000L;
        binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.SUCCEEDED, nanos);
      }

      String errors = prometheus.awaitValue("sum(airbag_llm_attempts_total{category!=\"none\"})", "10",
          Duration.ofSeconds(60));

      assertEquals("10", errors, () -> "prometheus log:\n" + log(prometheus));
      assertEquals("7", prometheus.query("sum(airbag_llm_attempts_total{category=\"overloaded\"})"));
      assertEquals("1", prometheus.query("up{job=\"airbag\"}"));
      assertEquals("1", prometheus.query(
          "sum(airbag_llm_calls_seconds_count{outcome=\"failed\",provider=\"openai\",model=\"gpt-4o\"})"));
      assertEquals("7.5", prometheus.query("histogram_quantile(0.95, sum by (le) ("
          + "airbag_llm_calls_seconds_bucket{outcome=\"succeeded\",service=\"checkout\"}))"));
    }
  }

  private static String log(PrometheusServer prometheus) {
    try {
      return prometheus.log();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
