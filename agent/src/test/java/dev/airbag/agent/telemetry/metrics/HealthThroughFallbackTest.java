package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.telemetry.health.HealthReportTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.classify.Category;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case the issue found: the primary model is gone, a fallback serves every call, an error alert fires.
 * {@code /health} on the real endpoint must say the app is served, and the providers are not well.
 */
class HealthThroughFallbackTest {
  private final FakeClock clock = new FakeClock();
  private final int port = Http.freePort();
  private final AgentMetrics metrics = TestMetrics.start(clock, "airbag.metrics.prometheus.port", port,
      "airbag.alerts.enabled", "false");

  @AfterEach
  void stop() {
    metrics.close();
  }

  @Test
  void everyCallServedByAFallbackReadsOkForTheAppAndDegradedForTheProviders() throws Exception {
    metrics.bindCircuits(Circuits.registry(clock, metrics.binder()));
    CallPipeline pipeline = RetiredPrimary.pipeline(clock, metrics.binder());
    for (int i = 0; i < 5; i++) {
      assertEquals(200, pipeline.execute(RetiredPrimary.call(), RetiredPrimary.exchange()));
    }
    // 30 overloaded attempts fire the critical error-rate alert that used to read as an outage.
    for (int i = 0; i < 30; i++) {
      metrics.binder().onAttempt(RetiredPrimary.call(), RetiredPrimary.MODEL, Calls.failure(Category.OVERLOADED));
    }
    metrics.alerts().evaluate();

    List<String> fields = HealthReportTest.fields(Http.get("http://127.0.0.1:" + port + "/health").body());

    assertEquals(List.of("status=ok", "status=ok", "window=since start", "calls=5", "served=5",
        "served_by_fallback=5", "failed=0", "reason=5 of 5 calls served (5 by a fallback model) (since start)",
        "status=degraded"), fields.subList(0, 9), fields::toString);
    assertTrue(fields.get(9).startsWith("reason=") && fields.get(9).contains("transient_overloaded"), fields::toString);
  }
}
