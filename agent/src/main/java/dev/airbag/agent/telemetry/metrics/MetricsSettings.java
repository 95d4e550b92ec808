package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExportKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How the agent's metrics are exported: a Prometheus scrape endpoint and/or OTLP push, from the
 * {@code airbag.metrics.*} keys, read once by {@link #from}. Defaults and bounds are the key table's. Immutable and
 * thread-safe.
 */
public final class MetricsSettings {
  private final int prometheusPort;
  private final String prometheusHost;
  private final String otlpUrl;
  private final Duration step;
  private final Map<String, String> otlpHeaders;
  private final Map<String, String> resourceAttributes;
  private final int modelTagLimit;

  private MetricsSettings(AirbagConfig config, String service, String host) {
    this.prometheusPort = config.get(ExportKeys.PROMETHEUS_PORT);
    this.prometheusHost = config.get(ExportKeys.PROMETHEUS_HOST);
    this.otlpUrl = otlpUrl(config);
    this.step = config.get(ExportKeys.METRICS_STEP);
    this.otlpHeaders = config.get(ExportKeys.HEADERS);
    this.resourceAttributes = Map.of("service.name", service, "host.name", host);
    this.modelTagLimit = config.get(ExportKeys.MODEL_TAG_LIMIT);
  }

  /** The metrics keys of {@code config}, with {@code service} and {@code host} as OTLP resource attributes. */
  public static MetricsSettings from(AirbagConfig config, String service, String host) {
    return new MetricsSettings(config, service, host);
  }

  // OTLP metrics are on when asked for, or else when events go to an OTLP collector; they go where events go.
  private static String otlpUrl(AirbagConfig config) {
    Boolean asked = config.get(ExportKeys.METRICS_OTLP);
    if (asked != null ? !asked : !config.get(ExportKeys.SINKS).contains("otlp")) {
      return null;
    }
    URI url = config.get(ExportKeys.METRICS_OTLP_ENDPOINT);
    return url != null ? url.toString()
        : config.get(ExportKeys.OTLP_ENDPOINT).toString().replaceAll("/+$", "") + "/v1/metrics";
  }

  /** The scrape port, or 0 when the endpoint is off. */
  public int prometheusPort() {
    return prometheusPort;
  }

  public String prometheusHost() {
    return prometheusHost;
  }

  /** The full OTLP metrics URL ({@code .../v1/metrics}), or null when OTLP metrics are off. */
  public String otlpUrl() {
    return otlpUrl;
  }

  public Duration step() {
    return step;
  }

  /** Headers sent with every OTLP push ({@code airbag.export.headers}); secret, never logged or shown. */
  public Map<String, String> otlpHeaders() {
    return otlpHeaders;
  }

  /** OTLP resource attributes ({@code service.name}, {@code host.name}). */
  public Map<String, String> resourceAttributes() {
    return resourceAttributes;
  }

  public int modelTagLimit() {
    return modelTagLimit;
  }

  /** Names what is exported, without header values. */
  @Override
  public String toString() {
    return "MetricsSettings{prometheus=" + (prometheusPort == 0 ? "off" : prometheusHost + ":" + prometheusPort)
        + ", otlp=" + (otlpUrl == null ? "off" : otlpUrl) + ", step=" + step + ", modelTagLimit=" + modelTagLimit
        + ", otlpHeaders=" + otlpHeaders.keySet() + '}';
  }
}
