package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.support.DaemonThreads;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the OTLP metrics registry from {@link MetricsSettings} only: every {@link OtlpConfig} value Micrometer
 * would otherwise read from {@code OTEL_*} environment variables or system properties is pinned here, so the
 * app's own OpenTelemetry settings never redirect Airbag's metrics. Pushes run on a daemon thread
 * {@code airbag-metrics-otlp} through {@link GuardedOtlpSender}. Stateless.
 */
final class OtlpRegistryFactory {
  /** Short timeouts: a dead collector costs the push thread a few seconds, never the app. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private OtlpRegistryFactory() {
  }

  /** Micrometer's own HTTP sender over {@code HttpURLConnection}, with Airbag's timeouts. */
  static OtlpMetricsSender httpSender() {
    return new OtlpHttpMetricsSender(new HttpUrlConnectionSender(CONNECT_TIMEOUT, READ_TIMEOUT));
  }

  /** Builds and starts the registry; its first push comes one step after start. */
  static OtlpMeterRegistry create(MetricsSettings settings, Clock clock, OtlpMetricsSender sender) {
    return OtlpMeterRegistry.builder(config(settings))
        .clock(clock)
        .threadFactory(new DaemonThreads("metrics-otlp"))
        .metricsSender(sender)
        .build();
  }

  static OtlpConfig config(MetricsSettings settings) {
    String url = settings.otlpUrl();
    Duration step = settings.step();
    Map<String, String> headers = settings.otlpHeaders();
    Map<String, String> resource = settings.resourceAttributes();
    return new OtlpConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public Duration step() {
        return step;
      }

      @Override
      public Map<String, String> headers() {
        return headers;
      }

      @Override
      public Map<String, String> resourceAttributes() {
        return resource;
      }

      @Override
      public AggregationTemporality aggregationTemporality() {
        return AggregationTemporality.CUMULATIVE;
      }

      @Override
      public CompressionMode compressionMode() {
        return CompressionMode.GZIP;
      }
    };
  }
}
