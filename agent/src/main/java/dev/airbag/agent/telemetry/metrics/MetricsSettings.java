package dev.airbag.agent.telemetry.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the agent's metrics are exported, built once from the config: a Prometheus scrape endpoint and/or OTLP
 * push. Immutable; the config keys are listed on each builder method.
 */
public final class MetricsSettings {
  /** The scrape endpoint binds to loopback unless told otherwise: metrics name models and endpoints. */
  public static final String DEFAULT_PROMETHEUS_HOST = "127.0.0.1";
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(60);
  public static final int DEFAULT_MODEL_TAG_LIMIT = 100;

  private final int prometheusPort;
  private final String prometheusHost;
  private final String otlpUrl;
  private final Duration step;
  private final Map<String, String> otlpHeaders;
  private final Map<String, String> resourceAttributes;
  private final int modelTagLimit;

  private MetricsSettings(Builder b) {
    this.prometheusPort = b.prometheusPort;
    this.prometheusHost = b.prometheusHost;
    this.otlpUrl = b.otlpUrl;
    this.step = b.step;
    this.otlpHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.otlpHeaders));
    this.resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.resourceAttributes));
    this.modelTagLimit = b.modelTagLimit;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Neither Prometheus nor OTLP: meters are still kept in memory for the alert rules. */
  public static MetricsSettings defaults() {
    return builder().build();
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

  /** Headers sent with every OTLP push (collector auth); secret, never logged or shown. */
  public Map<String, String> otlpHeaders() {
    return otlpHeaders;
  }

  /** OTLP resource attributes ({@code service.name}, {@code host.name}, ...). */
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

  /** Not thread-safe; build once. */
  public static final class Builder {
    private int prometheusPort;
    private String prometheusHost = DEFAULT_PROMETHEUS_HOST;
    private String otlpUrl;
    private Duration step = DEFAULT_STEP;
    private Map<String, String> otlpHeaders = Collections.emptyMap();
    private Map<String, String> resourceAttributes = Collections.emptyMap();
    private int modelTagLimit = DEFAULT_MODEL_TAG_LIMIT;

    private Builder() {
    }

    /** {@code airbag.metrics.prometheus.port}: 0 (the default) turns the endpoint off. */
    public Builder prometheusPort(int port) {
      require(port >= 0 && port <= 65535, "prometheus port must be 0..65535, was " + port);
      this.prometheusPort = port;
      return this;
    }

    /** {@code airbag.metrics.prometheus.host}: the address to bind, default 127.0.0.1. */
    public Builder prometheusHost(String host) {
      this.prometheusHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /** {@code airbag.metrics.otlp.endpoint}: the full metrics URL; null turns OTLP metrics off. */
    public Builder otlpUrl(String url) {
      this.otlpUrl = url;
      return this;
    }

    /** {@code airbag.metrics.step}: how often OTLP metrics are pushed, default 60s. */
    public Builder step(Duration step) {
      require(step != null && !step.isNegative() && !step.isZero(), "step must be positive, was " + step);
      this.step = step;
      return this;
    }

    /** {@code airbag.export.headers}, shared with the event sinks. */
    public Builder otlpHeaders(Map<String, String> headers) {
      this.otlpHeaders = Objects.requireNonNull(headers, "headers");
      return this;
    }

    public Builder resourceAttributes(Map<String, String> attributes) {
      this.resourceAttributes = Objects.requireNonNull(attributes, "attributes");
      return this;
    }

    /** {@code airbag.metrics.model-tag-limit}: distinct model tag values before "other", default 100. */
    public Builder modelTagLimit(int limit) {
      require(limit >= 1, "model tag limit must be at least 1, was " + limit);
      this.modelTagLimit = limit;
      return this;
    }

    public MetricsSettings build() {
      return new MetricsSettings(this);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
