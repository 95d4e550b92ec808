package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitGaugesTest {
  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LlmMetricsBinder binder = new LlmMetricsBinder(registry, 2, clock);
  private final CircuitBreakers circuits = Circuits.registry(clock, binder);
  private final CircuitGauges gauges = new CircuitGauges(circuits, () -> registry, binder, clock);

  CircuitGaugesTest() {
    binder.onAnyTransition(gauges::invalidate);
  }

  private double gauge(String endpoint, String model) {
    return registry.get(MetricNames.CIRCUIT_STATE).tags("endpoint", endpoint, "model", model).gauge().value();
  }

  @Test
  void aGaugeFollowsItsCircuitThroughOpenHalfOpenAndClosed() {
    Circuits.use(circuits, "openai", "gpt-4o");
    gauges.register();
    assertEquals(0, gauge("openai", "gpt-4o"));

    Circuits.open(circuits, "openai", "gpt-4o");
    assertEquals(2, gauge("openai", "gpt-4o"));

    clock.advance(Duration.ofSeconds(31));
    assertEquals(1, gauge("openai", "gpt-4o"));

    Circuits.probeAndClose(circuits, "openai", "gpt-4o");
    assertEquals(0, gauge("openai", "gpt-4o"));
  }

  @Test
  void aNewCircuitGetsItsGaugeAtTheNextRegistration() {
    gauges.register();
    Circuits.use(circuits, "anthropic", "claude-haiku");
    assertNull(registry.find(MetricNames.CIRCUIT_STATE).gauge());

    gauges.register();

    assertEquals(0, gauge("anthropic", "claude-haiku"));
  }

  @Test
  void circuitsWhoseModelsShareTheOtherTagReportTheWorstState() {
    binder.onAttempt(Calls.openai("a"), "a", null);
    binder.onAttempt(Calls.openai("b"), "b", null);
    Circuits.use(circuits, "openai", "a");
    Circuits.use(circuits, "openai", "b");
    Circuits.use(circuits, "openai", "c");
    Circuits.open(circuits, "openai", "d");

    gauges.register();

    assertEquals(0, gauge("openai", "a"));
    assertEquals(2, gauge("openai", "other"));
    assertEquals(3, registry.find(MetricNames.CIRCUIT_STATE).gauges().size());
  }
}
