package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExceptionKeys;
import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.uncaught.ExceptionReporter;
import dev.airbag.agent.uncaught.ExceptionSettings;
import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import dev.airbag.agent.telemetry.metrics.LlmMetricsBinder;

/** Builds the uncaught-exception reporter and its capture from the configuration; null when it is off. */
final class UncaughtExceptions {
  private UncaughtExceptions() {}

  static ExceptionCapture capture(AirbagConfig config, Telemetry telemetry, String service, String host, Clock clock,
      TextMask secrets) {
    if (!config.get(ExceptionKeys.ENABLED)) {
      return null;
    }
    LlmMetricsBinder metrics = telemetry.metrics.binder();
    ExceptionReporter reporter = ExceptionReporter.builder(ExceptionSettings.from(config, service))
        .dispatcher(telemetry.dispatcher)
        .metrics((category, severity, source) -> metrics.recordException(
            category == null ? "none" : category.wireName(), severity))
        .service(service)
        .host(host)
        .clock(clock)
        .secrets(secrets)
        .build();
    long grace = config.get(ExceptionKeys.EXECUTORS) ? config.get(ExceptionKeys.EXECUTOR_GRACE).toNanos() : -1;
    return new ExceptionCapture(reporter, grace);
  }
}
