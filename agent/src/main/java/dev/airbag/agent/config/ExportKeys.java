package dev.airbag.agent.config;

import static dev.airbag.agent.config.ValueTypes.bool;
import static dev.airbag.agent.config.ValueTypes.duration;
import static dev.airbag.agent.config.ValueTypes.oneOf;
import static dev.airbag.agent.config.ValueTypes.size;
import static dev.airbag.agent.config.ValueTypes.wholeNumber;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rows of the key table about shipping events and metrics: sinks, delivery, metrics and alert rules. Part of
 * {@link ConfigKeys#all()}, kept apart only to keep each file readable.
 */
public final class ExportKeys {
  public static final ConfigKey<List<String>> SINKS = ConfigKey.of("airbag.export.sinks",
      ValueTypes.subsetOf(List.of("file", "otlp", "http")), List.of("file"),
      "Where events go, several at once: a JSON-lines file, an OTLP/HTTP collector, a generic HTTP JSON endpoint.");
  public static final ConfigKey<Integer> FILE_MAX_SIZE = ConfigKey.of("airbag.export.file.max-size",
      size(1024, Integer.MAX_VALUE), 100 * 1024 * 1024,
      "Size at which the events file is rotated to FILE.1 (one previous file is kept, and never replaced within the hour:"
          + " newer events are refused and counted instead).");
  public static final ConfigKey<URI> OTLP_ENDPOINT = ConfigKey.of("airbag.export.otlp.endpoint",
      DomainTypes.httpUrl(), URI.create("http://localhost:4318"),
      "OTLP/HTTP collector base URL; events are sent as log records to /v1/logs.");
  public static final ConfigKey<String> OTLP_PROTOCOL = ConfigKey.of("airbag.export.otlp.protocol",
      oneOf(List.of("http/protobuf", "http/json")), "http/protobuf", "OTLP encoding, gzip-compressed.");
  public static final ConfigKey<URI> HTTP_URL = ConfigKey.of("airbag.export.http.url",
      DomainTypes.httpUrl().orOff(), null, "Generic HTTP endpoint that receives each batch as a JSON array"
          + " (required when the http sink is on).");
  public static final ConfigKey<Map<String, String>> HEADERS = ConfigKey.of("airbag.export.headers",
      DomainTypes.headers(), Map.of(), "Headers sent to collectors, as Name=Value pairs separated by commas;"
          + " use ${ENV_VAR} for tokens.").asSecret();
  public static final ConfigKey<Path> TRUST_STORE = ConfigKey.of("airbag.export.tls.trust-store",
      ValueTypes.path().orOff(), null, "Trust store for collectors with a private CA; TLS verification is always on.");
  public static final ConfigKey<String> TRUST_STORE_PASSWORD = ConfigKey.of("airbag.export.tls.trust-store-password",
      ValueTypes.text("a password").orOff(), null, "Password of the trust store.").asSecret();
  public static final ConfigKey<String> TRUST_STORE_TYPE = ConfigKey.of("airbag.export.tls.trust-store-type",
      oneOf(List.of("pkcs12", "jks")), "pkcs12", "Format of the trust store.");
  public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.of("airbag.export.batch-size",
      wholeNumber(1, 10_000), 512, "Most events sent to a collector in one request.");
  public static final ConfigKey<Duration> FLUSH_INTERVAL = ConfigKey.of("airbag.export.flush-interval",
      duration(Duration.ofMillis(10), Duration.ofMinutes(5)), Duration.ofSeconds(2),
      "Longest time an event waits for its batch to fill.");
  public static final ConfigKey<Path> SPOOL_DIR = ConfigKey.of("airbag.export.spool.dir", ValueTypes.path(), null,
      "Where batches wait on disk (owner-only) while a collector is down, across restarts too.")
      .defaultShownAs("(java.io.tmpdir)/airbag-spool/(service name)");
  public static final ConfigKey<Integer> SPOOL_MAX_SIZE = ConfigKey.of("airbag.export.spool.max-size",
      size(0, Integer.MAX_VALUE), 64 * 1024 * 1024,
      "Disk the spool may use, split between collectors; past it the oldest events are dropped and counted.");
  public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.of("airbag.export.shutdown-timeout",
      duration(Duration.ZERO, Duration.ofMinutes(1)), Duration.ofSeconds(5),
      "At JVM shutdown, how long queued events may take to reach the collectors; the rest is spooled.");
  public static final ConfigKey<Duration> DEDUPE_WINDOW = ConfigKey.of("airbag.export.dedupe-window",
      duration(Duration.ZERO, Duration.ofHours(1)), Duration.ofSeconds(10),
      "Identical events within this window reach the events file and collectors as one event with a count; 0s turns"
          + " folding off.");

  public static final ConfigKey<Integer> PROMETHEUS_PORT = ConfigKey.of("airbag.metrics.prometheus.port",
      wholeNumber(0, 65535), 0, "Port of the Prometheus scrape endpoint (/metrics and /health); 0 turns it off.");
  public static final ConfigKey<String> PROMETHEUS_HOST = ConfigKey.of("airbag.metrics.prometheus.host",
      ValueTypes.text("a host or IP address"), "127.0.0.1", "Address the scrape endpoint binds to.");
  public static final ConfigKey<Boolean> METRICS_OTLP = ConfigKey.of("airbag.metrics.otlp.enabled", bool(), null,
      "Whether metrics are pushed by OTLP (on by default when otlp is among airbag.export.sinks).")
      .defaultShownAs("(true if otlp is a sink)");
  public static final ConfigKey<URI> METRICS_OTLP_ENDPOINT = ConfigKey.of("airbag.metrics.otlp.endpoint",
      DomainTypes.httpUrl(), null, "Where OTLP metrics are pushed.")
      .defaultShownAs("(airbag.export.otlp.endpoint)/v1/metrics");
  public static final ConfigKey<Duration> METRICS_STEP = ConfigKey.of("airbag.metrics.step",
      duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(60), "OTLP metrics push interval.");
  public static final ConfigKey<Integer> MODEL_TAG_LIMIT = ConfigKey.of("airbag.metrics.model-tag-limit",
      wholeNumber(1, 10_000), 100, "Distinct model tag values before further models are tagged other.");

  public static final ConfigKey<Boolean> ALERTS_ENABLED = ConfigKey.of("airbag.alerts.enabled", bool(), true,
      "Whether alert rules run and emit events of kind alert.");
  public static final ConfigKey<Duration> ALERTS_WINDOW = ConfigKey.of("airbag.alerts.window",
      duration(Duration.ofSeconds(10), Duration.ofHours(24)), Duration.ofMinutes(5), "Window alert rules look at.");
  public static final ConfigKey<Duration> ALERTS_INTERVAL = ConfigKey.of("airbag.alerts.interval",
      duration(Duration.ofMillis(100), Duration.ofMinutes(10)), Duration.ofSeconds(5), "How often rules are checked.");
  public static final ConfigKey<Integer> ALERTS_MIN_SAMPLES = ConfigKey.of("airbag.alerts.min-samples",
      wholeNumber(1, 1_000_000), 20, "Attempts or calls in the window before a ratio rule may fire.");
  public static final ConfigKey<Integer> ALERTS_RATE_LIMITED = ConfigKey.of("airbag.alerts.rate-limited.threshold",
      wholeNumber(0, 100), 5, "Percent of attempts rate-limited above which an alert fires (100 turns it off).");
  public static final ConfigKey<Integer> ALERTS_ERRORS = ConfigKey.of("airbag.alerts.errors.threshold",
      wholeNumber(0, 100), 10, "Percent of attempts transient or overloaded above which a critical alert fires.");
  public static final ConfigKey<Integer> ALERTS_FALLBACKS = ConfigKey.of("airbag.alerts.fallbacks.threshold",
      wholeNumber(0, 100), 5, "Percent of calls served by a fallback model above which an alert fires.");
  public static final ConfigKey<Boolean> ALERTS_CIRCUIT_OPEN = ConfigKey.of("airbag.alerts.circuit-open.enabled",
      bool(), true, "Whether any circuit opening fires an alert.");

  private ExportKeys() {}

  static List<ConfigKey<?>> all() {
    return List.of(SINKS, FILE_MAX_SIZE, OTLP_ENDPOINT, OTLP_PROTOCOL, HTTP_URL, HEADERS, TRUST_STORE,
        TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, BATCH_SIZE, FLUSH_INTERVAL, SPOOL_DIR, SPOOL_MAX_SIZE,
        SHUTDOWN_TIMEOUT, DEDUPE_WINDOW, PROMETHEUS_PORT, PROMETHEUS_HOST, METRICS_OTLP, METRICS_OTLP_ENDPOINT,
        METRICS_STEP, MODEL_TAG_LIMIT, ALERTS_ENABLED, ALERTS_WINDOW, ALERTS_INTERVAL, ALERTS_MIN_SAMPLES,
        ALERTS_RATE_LIMITED, ALERTS_ERRORS, ALERTS_FALLBACKS, ALERTS_CIRCUIT_OPEN);
  }
}
