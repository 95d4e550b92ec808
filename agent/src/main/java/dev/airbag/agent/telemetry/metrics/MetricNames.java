package dev.airbag.agent.telemetry.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every metric name, tag key and fixed tag value Airbag publishes, in one place, so that the binder, the alert
 * rules, docs/metrics.md and users' dashboards agree. Names use Micrometer's dotted form; Prometheus shows them
 * with underscores and unit suffixes ({@code airbag_llm_calls_seconds_count}, {@code airbag_llm_attempts_total}).
 * Renaming one breaks users' queries.
 */
public final class MetricNames {
  /** Timer of logical LLM calls; tags provider, model, outcome. */
  public static final String CALLS = "airbag.llm.calls";
  /** Counter of HTTP attempts; tags provider, model, category ({@value #NONE} for a success). */
  public static final String ATTEMPTS = "airbag.llm.attempts";
  /** Counter of retries (attempts after the first on the same model); tags provider, model. */
  public static final String RETRIES = "airbag.llm.retries";
  /** Counter of switches to a fallback model; tags from, to. */
  public static final String FALLBACKS = "airbag.llm.fallbacks";
  /** Counter of calls a fallback model served; tags provider, model (the model the app asked for). */
  public static final String FALLBACK_SERVED = "airbag.llm.fallback.served";
  /** Gauge per circuit: 0 closed, 1 half-open, 2 open; tags endpoint, model. */
  public static final String CIRCUIT_STATE = "airbag.circuit.state";
  /** Counter of circuit state changes; tags endpoint, model, from, to. */
  public static final String CIRCUIT_TRANSITIONS = "airbag.circuit.transitions";
  /** Counter of captured application exceptions; tags category, severity. */
  public static final String EXCEPTIONS = "airbag.exceptions";
  /** Function counter of exported events; tags sink, result. */
  public static final String EXPORT_EVENTS = "airbag.export.events";

  public static final String TAG_PROVIDER = "provider";
  public static final String TAG_MODEL = "model";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_CATEGORY = "category";
  public static final String TAG_SEVERITY = "severity";
  public static final String TAG_ENDPOINT = "endpoint";
  public static final String TAG_FROM = "from";
  public static final String TAG_TO = "to";
  public static final String TAG_SINK = "sink";
  public static final String TAG_RESULT = "result";
  /**
   * The service name ({@code airbag.service.name}), on every series of the Prometheus scrape: a scrape has no
   * other place for it. OTLP carries it once per push as the resource attribute {@code service.name} instead,
   * the OpenTelemetry convention, which collectors turn into a label themselves.
   */
  public static final String TAG_SERVICE = "service";

  /** The category of a successful attempt. */
  public static final String NONE = "none";
  /** A model (or other bounded value) the request did not name, or that could not be read. */
  public static final String UNKNOWN = "unknown";
  /** Every value past a tag's cap of distinct values. */
  public static final String OTHER = "other";

  /**
   * Bucket bounds of the {@value #CALLS} histogram: 10 ms (a cached or short answer) to 2 min (a long streamed
   * completion), roughly 1-2.5-5 per decade like Prometheus' default buckets, so that p95 and p99 can be computed
   * with {@code histogram_quantile}; 14 buckets keep each (provider, model, outcome) series small.
   */
  static final List<Duration> LATENCY_BUCKETS = Collections.unmodifiableList(Arrays.asList(
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(2)));

  /** Every metric with its type, tags and help text, in the order docs/metrics.md lists them. */
  public static final List<Metric> ALL = Collections.unmodifiableList(Arrays.asList(
      new Metric(CALLS, "timer", "LLM calls as the app saw them (retries and fallbacks included), by outcome",
          TAG_PROVIDER, TAG_MODEL, TAG_OUTCOME),
      new Metric(ATTEMPTS, "counter", "HTTP requests sent to LLM providers, by failure category (none: success)",
          TAG_PROVIDER, TAG_MODEL, TAG_CATEGORY),
      new Metric(RETRIES, "counter", "Requests Airbag repeated on the same model after a retryable failure",
          TAG_PROVIDER, TAG_MODEL),
      new Metric(FALLBACKS, "counter", "Switches from a failing model to the next model of its fallback chain",
          TAG_FROM, TAG_TO),
      new Metric(FALLBACK_SERVED, "counter", "Calls answered by a fallback model instead of the model asked for",
          TAG_PROVIDER, TAG_MODEL),
      new Metric(CIRCUIT_STATE, "gauge", "State of each circuit breaker: 0 closed, 1 half-open, 2 open",
          TAG_ENDPOINT, TAG_MODEL),
      new Metric(CIRCUIT_TRANSITIONS, "counter", "Circuit breaker state changes", TAG_ENDPOINT, TAG_MODEL,
          TAG_FROM, TAG_TO),
      new Metric(EXCEPTIONS, "counter", "Application exceptions Airbag captured, by category and severity",
          TAG_CATEGORY, TAG_SEVERITY),
      new Metric(EXPORT_EVENTS, "counter", "Events handed to each sink, by result (sent, spooled, dropped, rejected)",
          TAG_SINK, TAG_RESULT)));

  private MetricNames() {
  }

  /** The help text of a metric: its Prometheus {@code # HELP} line and its OTLP description. */
  static String help(String name) {
    for (Metric metric : ALL) {
      if (metric.name().equals(name)) {
        return metric.help();
      }
    }
    throw new IllegalArgumentException("no metric " + name);
  }

  /** One published metric: its Micrometer name, type, help text and tag keys. Immutable. */
  public static final class Metric {
    private final String name;
    private final String type;
    private final String help;
    private final List<String> tags;

    Metric(String name, String type, String help, String... tags) {
      this.name = name;
      this.type = type;
      this.help = help;
      this.tags = Collections.unmodifiableList(Arrays.asList(tags));
    }

    public String name() {
      return name;
    }

    /** timer, counter or gauge. */
    public String type() {
      return type;
    }

    public String help() {
      return help;
    }

    /** Its own tag keys, without the {@value MetricNames#TAG_SERVICE} tag every Prometheus series carries. */
    public List<String> tags() {
      return tags;
    }
  }
}
