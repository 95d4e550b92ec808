package dev.airbag.agent.telemetry.events;

/**
 * Every field name an event may carry, in one place, so that sinks, dashboards and the README agree.
 * Names are snake_case and part of the wire format: renaming one is a breaking change for users' queries.
 */
public final class EventFields {
  /** Random 32-hex-character id; unique per event, used to de-duplicate after a retried export. */
  public static final String ID = "id";
  /** When the event happened, ISO-8601 UTC with milliseconds ({@code 2026-11-22T10:00:00.123Z}). */
  public static final String TIMESTAMP = "timestamp";
  /** What the event is about; one of {@link EventKinds}. */
  public static final String KIND = "kind";

  /** The failure's category wire name ({@code rate_limited}). */
  public static final String CATEGORY = "category";
  /** {@code info}, {@code warning} or {@code critical}. */
  public static final String SEVERITY = "severity";
  /** {@code page}, {@code ticket}, {@code human_review} or {@code none}. */
  public static final String ESCALATION = "escalation";
  /** Whether the failure's category is retried. */
  public static final String RETRYABLE = "retryable";

  /** The provider dialect's wire name ({@code anthropic}). */
  public static final String PROVIDER = "provider";
  /** The name of the watched endpoint (a preset such as {@code openai}, or a name from the config). */
  public static final String ENDPOINT_NAME = "endpoint_name";
  /** The endpoint's scheme, host and path, never its query string (which may hold a key). */
  public static final String ENDPOINT = "endpoint";
  /** The model the app asked for. */
  public static final String MODEL = "model";
  /** The model that finally answered, when a fallback served. */
  public static final String SERVED_MODEL = "served_model";
  /** Every model tried, in order (a list of strings). */
  public static final String MODELS_TRIED = "models_tried";
  /** The last HTTP status; absent for a transport failure. */
  public static final String HTTP_STATUS = "http_status";
  /** The provider's own error code or type ({@code insufficient_quota}). */
  public static final String PROVIDER_ERROR_CODE = "provider_error_code";
  /** How many attempts the call took, the first included. */
  public static final String ATTEMPTS = "attempts";
  /** How the call ended: {@code recovered}, {@code failed}, {@code fallback}, {@code rejected}. */
  public static final String OUTCOME = "outcome";
  /** The call's total duration, retries and waits included. */
  public static final String DURATION_MS = "duration_ms";
  /** The provider's wait hint (Retry-After and its kin). */
  public static final String WAIT_HINT_MS = "wait_hint_ms";
  /** The transport or uncaught exception's class name. */
  public static final String EXCEPTION_TYPE = "exception_type";
  /** The provider's or exception's message, redacted and bounded. */
  public static final String DETAIL = "detail";
  /** A message that is safe to show an end user. */
  public static final String USER_MESSAGE = "user_message";
  /** Which signal decided the category, for people debugging a rule. */
  public static final String REASON = "reason";
  /** Time spent waiting between attempts (backoff and Retry-After). */
  public static final String WAITED_MS = "waited_ms";
  /** Bytes of a streamed answer that reached the app before it broke or carried an error. */
  public static final String BYTES_DELIVERED = "bytes_delivered";
  /** Why Airbag could not do all it would have for this call (body not replayable, budget spent). */
  public static final String NOTE = "note";
  /** Whether the call was a streamed response. */
  public static final String STREAMED = "streamed";

  /** The service name from the config. */
  public static final String SERVICE = "service";
  /** The host name, as the JVM resolves it once at startup. */
  public static final String HOST = "host";
  /** The name of the app thread that made the call. */
  public static final String THREAD = "thread";

  /** A circuit event's new state: {@code closed}, {@code open}, {@code half_open}. */
  public static final String CIRCUIT_STATE = "circuit_state";
  /** A circuit event's previous state. */
  public static final String PREVIOUS_STATE = "previous_state";
  /** Who decided a circuit event's change: {@code here} (this instance's attempts) or {@code fleet} (learnt via Redis). */
  public static final String DECIDED_BY = "decided_by";
  /** An exception event's stable fingerprint (type and top frames, hashed). */
  public static final String FINGERPRINT = "fingerprint";
  /** An exception event's top stack frames (a list of strings). */
  public static final String STACK = "stack";
  /** An alert event's rule name. */
  public static final String ALERT = "alert";
  /** An alert's observed value. */
  public static final String VALUE = "value";
  /** An alert's threshold. */
  public static final String THRESHOLD = "threshold";
  /** An exception event's cause types, outermost first (a list of strings). */
  public static final String CAUSE_CHAIN = "cause_chain";
  /** Who decided an exception event's severity and escalation: {@code rule}, {@code ai}, {@code human}, {@code unlabelled}. */
  public static final String LABELLED_BY = "labelled_by";
  /** Where an exception was captured: {@code uncaught}, {@code executor}, {@code completable_future}, {@code servlet}. */
  public static final String SOURCE = "source";
  /** Whether an exception event is its fingerprint's first since the agent started. */
  public static final String NEW_FINGERPRINT = "new_fingerprint";
  /** The HTTP method of the request a servlet failed on. */
  public static final String HTTP_METHOD = "http_method";
  /** The path of the request a servlet failed on, never its query string. */
  public static final String URL_PATH = "url_path";
  /** How many similar events a rate limiter folded into this one. */
  public static final String SUPPRESSED = "suppressed";
  /** How many identical events a folded event stands for (itself included); see the exporter's flood control. */
  public static final String COUNT = "count";
  /** A folded event's first occurrence, ISO-8601 UTC with milliseconds like {@link #TIMESTAMP}. */
  public static final String FIRST_SEEN = "first_seen";
  /** A folded event's last occurrence, ISO-8601 UTC with milliseconds like {@link #TIMESTAMP}. */
  public static final String LAST_SEEN = "last_seen";

  private EventFields() {
  }
}
