package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.telemetry.alerts.AlertEvaluator;
import dev.airbag.agent.telemetry.alerts.AlertEvents;
import dev.airbag.agent.telemetry.alerts.AlertSettings;
import dev.airbag.agent.telemetry.alerts.StandardAlertRules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.telemetry.events.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyRegistriesTest {
  private final FakeClock clock = new FakeClock();
  private final LazyRegistries registries =
      new LazyRegistries(MetricsSettings.from(AirbagConfig.defaults(), "checkout", "host-1"), clock, null, "checkout");

  private static double rateLimited(MeterRegistry registry) {
    return registry.get(MetricNames.ATTEMPTS).tag(MetricNames.TAG_CATEGORY, "rate_limited").counter().count();
  }

  @Test
  void nothingIsBuiltUntilTheFirstMeterIsRegistered() {
    LlmMetricsBinder binder = new LlmMetricsBinder(registries, 100, clock);
    assertNull(registries.current());

    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));

    assertNotNull(registries.current());
    assertEquals(2, rateLimited(registries.cumulative()));
    assertSame(registries.current().composite, registries.get());
  }

  @Test
  void bindingsWaitForTheRegistriesThenRunOnceAndLaterOnesRunAtOnce() {
    List<MeterRegistry> early = new ArrayList<>();
    registries.whenBuilt(early::add);
    assertTrue(early.isEmpty());

    MeterRegistry composite = registries.get();
    registries.get();
    List<MeterRegistry> late = new ArrayList<>();
    registries.whenBuilt(late::add);

    assertEquals(List.of(composite), early);
    assertEquals(List.of(composite), late);
  }

  @Test
  void exportCountersBoundBeforeAnyMeterReadTheExporterOnceTheRegistriesExist() {
    try (AgentMetrics metrics = TestMetrics.start(clock, "airbag.alerts.enabled", "false")) {
      metrics.bindExportStats(List.of("otlp"), (sink, result) -> result == ExportResult.SENT ? 12 : 0);

      MeterRegistry registry = metrics.registry();

      assertEquals(12, registry.get(MetricNames.EXPORT_EVENTS).tags("sink", "otlp", "result", "sent")
          .functionCounter().count());
    }
  }

  @Test
  void alertRulesReadZeroUntilTheRegistriesExistThenCountFromThere() {
    List<Event> events = new ArrayList<>();
    AlertSettings settings = AlertSettings.from(
        TestConfig.with("airbag.alerts.window", "5m", "airbag.alerts.min-samples", "20"));
    AlertEvaluator alerts = new AlertEvaluator(StandardAlertRules.of(settings), registries::cumulative,
        java.util.Collections::emptyMap, clock, settings.window().toNanos(),
        new AlertEvents("checkout", "host-1", settings.window().getSeconds()), events::add);
    alerts.evaluate();
    assertTrue(events.isEmpty());
    assertNull(registries.current());

    LlmMetricsBinder binder = new LlmMetricsBinder(registries, 100, clock);
    for (int i = 0; i < 30; i++) {
      binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    }
    clock.advance(Duration.ofSeconds(30));
    alerts.evaluate();

    assertEquals("rate_limited", alerts.active().get(0).name());
  }
}
