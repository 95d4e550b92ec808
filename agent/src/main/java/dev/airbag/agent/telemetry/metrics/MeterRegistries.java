package dev.airbag.agent.telemetry.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The agent's own registries, never Micrometer's global one nor the app's: a composite that the binder writes
 * to, over an in-memory cumulative registry (always there: the alert rules read it), a Prometheus registry
 * when the scrape endpoint is on, and an OTLP registry when OTLP metrics are on. Prometheus gets its own
 * {@link PrometheusRegistry}, not the client library's default one. Thread-safe.
 */
final class MeterRegistries {
  final CompositeMeterRegistry composite;
  final SimpleMeterRegistry cumulative;
  /** Null when the scrape endpoint is off. */
  final PrometheusMeterRegistry prometheus;
  /** Null when OTLP metrics are off. */
  final OtlpMeterRegistry otlp;

  /** @param service the service name every Prometheus series carries as {@value MetricNames#TAG_SERVICE} */
  MeterRegistries(MetricsSettings settings, Clock clock, OtlpMetricsSender otlpSender, String service) {
    this.composite = new CompositeMeterRegistry(clock);
    this.cumulative = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    composite.add(cumulative);
    this.prometheus = settings.prometheusPort() == 0 ? null
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    if (prometheus != null) {
      // Before the registry joins the composite, so that no series is ever published without it.
      prometheus.config().commonTags(MetricNames.TAG_SERVICE, service == null ? MetricNames.UNKNOWN : service);
      composite.add(prometheus);
    }
    this.otlp = settings.otlpUrl() == null ? null : OtlpRegistryFactory.create(settings, clock, otlpSender);
    if (otlp != null) {
      composite.add(otlp);
    }
  }

  /** The Prometheus text format of every meter, or an empty string when Prometheus is off. */
  String scrape() {
    return prometheus == null ? "" : prometheus.scrape();
  }
}
