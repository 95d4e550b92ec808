package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExceptionKeys;
import dev.airbag.agent.config.ExportKeys;
import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.uncaught.AiClassifierSettings;
import dev.airbag.agent.uncaught.ExceptionReporter;
import dev.airbag.agent.uncaught.ExceptionRule;
import dev.airbag.agent.uncaught.ExceptionSettings;
import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import dev.airbag.agent.telemetry.export.DeliverySettings;
import dev.airbag.agent.telemetry.metrics.LlmMetricsBinder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the uncaught-exception reporter and its capture from the configuration; null when it is off. */
final class UncaughtExceptions {
  private UncaughtExceptions() {}

  static ExceptionCapture capture(AirbagConfig config, Telemetry telemetry, String service, String host, Clock clock,
      TextMask secrets) {
    if (!config.get(ExceptionKeys.ENABLED)) {
      return null;
    }
    List<ExceptionRule> rules = new ArrayList<>(config.family(ExceptionKeys.RULE).values());
    ExceptionSettings.Builder settings = ExceptionSettings.builder()
        .maxPerMinute(config.get(ExceptionKeys.MAX_PER_MINUTE))
        .maxFingerprints(config.get(ExceptionKeys.MAX_FINGERPRINTS))
        .stackFrames(config.get(ExceptionKeys.STACK_FRAMES))
        .libraryPrefixes(config.get(ExceptionKeys.LIBRARY_PREFIXES))
        .rules(rules)
        .labelsFile(config.get(ExceptionKeys.FEEDBACK_FILE))
        .labelsRecheck(config.get(ExceptionKeys.FEEDBACK_RECHECK));
    URI aiEndpoint = config.get(ExceptionKeys.AI_ENDPOINT);
    if (aiEndpoint != null && config.get(ExceptionKeys.AI_MODEL) != null) {
      Path cache = config.get(ExceptionKeys.AI_CACHE_FILE);
      if (cache == null) {
        Path spool = config.get(ExportKeys.SPOOL_DIR);
        cache = (spool != null ? spool : DeliverySettings.defaultSpoolDir(service)).resolve("airbag-ai-labels.txt");
      }
      settings.ai(new AiClassifierSettings(aiEndpoint, config.get(ExceptionKeys.AI_MODEL),
          config.get(ExceptionKeys.AI_KEY_ENV), config.get(ExceptionKeys.AI_TIMEOUT), cache,
          config.get(ExceptionKeys.AI_MAX_ATTEMPTS)));
    }
    LlmMetricsBinder metrics = telemetry.metrics.binder();
    ExceptionReporter reporter = ExceptionReporter.builder(settings.build())
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
