package dev.airbag.agent.telemetry.metrics;

/**
 * Every metric name, tag key and fixed tag value Airbag publishes, in one place, so that the binder, the alert
 * rules, the README and users' dashboards agree. Names use Micrometer's dotted form; Prometheus shows them with
 * underscores and unit suffixes ({@code airbag_llm_calls_seconds_count}, {@code airbag_llm_attempts_total}).
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

  /** The category of a successful attempt. */
  public static final String NONE = "none";
  /** A model (or other bounded value) the request did not name, or that could not be read. */
  public static final String UNKNOWN = "unknown";
  /** Every value past a tag's cap of distinct values. */
  public static final String OTHER = "other";

  private MetricNames() {
  }
}
