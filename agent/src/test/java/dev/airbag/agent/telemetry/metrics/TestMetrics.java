package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.alerts.AlertSettings;

/** Starts the agent's metrics as the wiring does, from one test configuration, for service checkout on host-1. */
final class TestMetrics {
  private TestMetrics() {}

  /** Metrics and alerts from the given keys; every other key has its default. Events are dropped. */
  static AgentMetrics start(Clock clock, Object... keysAndValues) {
    AirbagConfig config = TestConfig.with(keysAndValues);
    return AgentMetrics.start(MetricsSettings.from(config, "checkout", "host-1"), AlertSettings.from(config), clock,
        event -> { }, "checkout", "host-1");
  }
}
