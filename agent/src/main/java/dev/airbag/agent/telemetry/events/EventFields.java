package dev.airbag.agent.telemetry.events;

import java.util.List;

/**
 * Every field name an event may carry, and what each one means, in one place: sinks, dashboards and
 * docs/events.md (generated from {@link #DESCRIBED} by {@code EventsDocTest}) agree because they all read this
 * class. Names are snake_case and part of the wire format: renaming one is a breaking change for users' queries.
 * A new field is a constant here and a row in {@link #DESCRIBED}; the test fails when either is missing.
 */
public final class EventFields {
  // On every event.
  public static final String ID = "id";
  public static final String TIMESTAMP = "timestamp";
  public static final String KIND = "kind";
  public static final String SEVERITY = "severity";
  public static final String SERVICE = "service";
  public static final String HOST = "host";
  public static final String THREAD = "thread";

  // A failure's classification (llm_call, and exception where it applies).
  public static final String CATEGORY = "category";
  public static final String ESCALATION = "escalation";
  public static final String RETRYABLE = "retryable";
  public static final String USER_MESSAGE = "user_message";
  public static final String HTTP_STATUS = "http_status";
  public static final String PROVIDER_ERROR_CODE = "provider_error_code";
  public static final String WAIT_HINT_MS = "wait_hint_ms";
  public static final String EXCEPTION_TYPE = "exception_type";
  public static final String DETAIL = "detail";
  public static final String REASON = "reason";

  // An LLM call.
  public static final String OUTCOME = "outcome";
  public static final String PROVIDER = "provider";
  public static final String ENDPOINT_NAME = "endpoint_name";
  public static final String ENDPOINT = "endpoint";
  public static final String MODEL = "model";
  public static final String SERVED_MODEL = "served_model";
  public static final String MODELS_TRIED = "models_tried";
  public static final String ATTEMPTS = "attempts";
  public static final String DURATION_MS = "duration_ms";
  public static final String WAITED_MS = "waited_ms";
  public static final String STREAMED = "streamed";
  public static final String BYTES_DELIVERED = "bytes_delivered";
  public static final String NOTE = "note";

  // A circuit transition.
  public static final String CIRCUIT_STATE = "circuit_state";
  public static final String PREVIOUS_STATE = "previous_state";
  public static final String DECIDED_BY = "decided_by";

  // A captured exception.
  public static final String FINGERPRINT = "fingerprint";
  public static final String STACK = "stack";
  public static final String CAUSE_CHAIN = "cause_chain";
  public static final String SOURCE = "source";
  public static final String LABELLED_BY = "labelled_by";
  public static final String NEW_FINGERPRINT = "new_fingerprint";
  public static final String SUPPRESSED = "suppressed";
  public static final String HTTP_METHOD = "http_method";
  public static final String URL_PATH = "url_path";

  // A folded event's summary (flood control).
  public static final String COUNT = "count";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";

  // An alert.
  public static final String ALERT = "alert";
  public static final String STATE = "state";
  public static final String VALUE = "value";
  public static final String THRESHOLD = "threshold";
  public static final String SAMPLES = "samples";
  public static final String WINDOW_SECONDS = "window_seconds";
  public static final String CIRCUITS = "circuits";

  private static final String ALL = "all";
  private static final String ALWAYS = "always";
  private static final String TEXT = "string";
  private static final String INTEGER = "integer";
  private static final String NUMBER = "number";
  private static final String BOOLEAN = "boolean";
  private static final String LIST = "list of strings";

  /** Every field: its name, JSON type, the kinds that carry it, when it is present and what it means. */
  public static final List<Description> DESCRIBED = List.of(
      new Description(ID, TEXT, ALL, ALWAYS,
          "32 random hex characters, unique per event; a collector drops a batch delivered twice by it"),
      new Description(TIMESTAMP, TEXT, ALL, ALWAYS,
          "ISO-8601 UTC with milliseconds (`2026-11-22T10:00:00.123Z`): when the call started (`llm_call`), else when"
              + " the event happened"),
      new Description(KIND, TEXT, ALL, ALWAYS, "what the event is about: one of the kinds above"),
      new Description(SEVERITY, TEXT, ALL, "always, except an `llm_call` with no classified failure",
          "`info`, `warning` or `critical`; a `circuit` event is `warning` when the circuit opens, `info` otherwise"),
      new Description(SERVICE, TEXT, ALL, ALWAYS, "`airbag.service.name`, else the jar's or main class's name"),
      new Description(HOST, TEXT, ALL, ALWAYS,
          "the host name, from `HOSTNAME` or `/etc/hostname` (never a DNS lookup, which could stall start-up)"),
      new Description(THREAD, TEXT, "llm_call, circuit, exception", ALWAYS,
          "the app thread that made the call, caused the transition or threw (redacted like every name)"),

      new Description(CATEGORY, TEXT, "llm_call, exception",
          "`llm_call`: when a failure was classified; `exception`: when a rule or a label names one",
          "the failure's category (see [classification](llm-calls.md#classification)); for an exception, the LLM"
              + " category an SDK's exception maps onto"),
      new Description(ESCALATION, TEXT, "llm_call, exception", "with `category` (`exception`: always)",
          "what a person should do: `page`, `ticket`, `human_review` or `none`"),
      new Description(RETRYABLE, BOOLEAN, "llm_call", "with `category`", "whether the category is retried"),
      new Description(USER_MESSAGE, TEXT, "llm_call", "with `category`",
          "a message safe to show an end user (\"The AI service is busy; retrying…\"), never the provider's text"),
      new Description(HTTP_STATUS, INTEGER, "llm_call", "when the failure had a status (not a transport failure)",
          "the HTTP status of the last failure"),
      new Description(PROVIDER_ERROR_CODE, TEXT, "llm_call", "when the error body carried one",
          "the provider's own error code or type (`insufficient_quota`, `overloaded_error`), cut to 128 characters"),
      new Description(WAIT_HINT_MS, INTEGER, "llm_call", "when the provider gave one",
          "the provider's wait hint in milliseconds (`Retry-After`, `retry-after-ms`, Gemini `retryDelay`, ...)"),
      new Description(EXCEPTION_TYPE, TEXT, "llm_call, exception",
          "`llm_call`: a transport failure; `exception`: always",
          "the class name of the transport exception, or of the captured exception"),
      new Description(DETAIL, TEXT, "llm_call, exception, alert", "when there is a message",
          "the provider's or exception's message, redacted of keys and cut to 500 characters; for an alert, its"
              + " reading in words"),
      new Description(REASON, TEXT, "llm_call, circuit, exception", "when known",
          "which signal decided (`anthropic code=overloaded_error`); for a circuit, why it moved; for an exception,"
              + " the rule, or the label's note"),

      new Description(OUTCOME, TEXT, "llm_call", ALWAYS,
          "`recovered` (served after retries or by a fallback model), `failed` (the app got the final failure),"
              + " `short_circuited` (an open circuit answered without touching the network) or `stream_interrupted`"
              + " (a streamed answer broke, or carried an error event, after content had reached the app)"),
      new Description(PROVIDER, TEXT, "llm_call", ALWAYS,
          "the endpoint's dialect: `openai`, `anthropic`, `azure-openai`, `gemini` or `bedrock`"),
      new Description(ENDPOINT_NAME, TEXT, "llm_call, circuit", ALWAYS,
          "the preset (`openai`) or the name given in `airbag.endpoint.NAME.url`"),
      new Description(ENDPOINT, TEXT, "llm_call", ALWAYS,
          "scheme, host, port and path of the request; never the query, which may hold a key"),
      new Description(MODEL, TEXT, "llm_call, circuit", "when the request names a model",
          "the model the app asked for (a circuit's model for `circuit`)"),
      new Description(SERVED_MODEL, TEXT, "llm_call", "when a model served the app",
          "the model that produced the app's response: a fallback's when one served"),
      new Description(MODELS_TRIED, LIST, "llm_call", "when the request names a model", "every model tried, in order"),
      new Description(ATTEMPTS, INTEGER, "llm_call", ALWAYS, "requests sent to the network, every model included"),
      new Description(DURATION_MS, INTEGER, "llm_call, alert", "`llm_call`: always; `alert`: when it resolves",
          "the call's total time, waits included; for a resolved alert, how long the episode lasted"),
      new Description(WAITED_MS, INTEGER, "llm_call", "when the call waited",
          "time spent waiting between attempts (backoff and wait hints)"),
      new Description(STREAMED, BOOLEAN, "llm_call", ALWAYS,
          "whether the app asked for a streamed answer (`\"stream\": true` or `Accept: text/event-stream`)"),
      new Description(BYTES_DELIVERED, INTEGER, "llm_call", "`stream_interrupted`",
          "bytes of the streamed answer that reached the app before it broke or carried an error"),
      new Description(NOTE, TEXT, "llm_call", "when Airbag could not do all it would have",
          "why, in words: the body is not replayable, the retry budget is spent, the wait hint is too long, the call"
              + " was answered from memory"),

      new Description(CIRCUIT_STATE, TEXT, "circuit", ALWAYS, "the new state: `closed`, `half_open` or `open`"),
      new Description(PREVIOUS_STATE, TEXT, "circuit", ALWAYS, "the state it left"),
      new Description(DECIDED_BY, TEXT, "circuit", ALWAYS,
          "who decided the change: `here` (this instance's attempts) or `fleet` (learnt from the other instances"
              + " through Redis, `airbag.fleet.redis.url`)"),

      new Description(FINGERPRINT, TEXT, "exception", ALWAYS,
          "16 hex characters, stable across restarts: the exception type, the top application frames (no line"
              + " numbers) and the cause types, hashed"),
      new Description(STACK, LIST, "exception", ALWAYS,
          "the redacted stack, at most `airbag.exceptions.stack-frames` lines"),
      new Description(CAUSE_CHAIN, LIST, "exception", "when it has causes", "the cause types, outermost first"),
      new Description(SOURCE, TEXT, "exception", ALWAYS,
          "where it was captured: `uncaught` (it escaped a thread), `executor`, `completable_future` or `servlet`"),
      new Description(LABELLED_BY, TEXT, "exception", ALWAYS,
          "who decided severity and escalation: `human`, `rule`, `ai` or `unlabelled`"),
      new Description(NEW_FINGERPRINT, BOOLEAN, "exception", ALWAYS,
          "whether this is the fingerprint's first event since the JVM started"),
      new Description(SUPPRESSED, INTEGER, "exception", ALWAYS,
          "occurrences of this fingerprint not written since its previous event (`airbag.exceptions.max-per-minute`)"),
      new Description(HTTP_METHOD, TEXT, "exception", "`servlet`", "the failed request's method"),
      new Description(URL_PATH, TEXT, "exception", "`servlet`", "the failed request's path, never its query"),

      new Description(COUNT, INTEGER, "llm_call, exception", "on a fold's summary only",
          "how many identical events within `airbag.export.dedupe-window` this one stands for, itself included"),
      new Description(FIRST_SEEN, TEXT, "llm_call, exception", "on a fold's summary only",
          "when the first of them happened, formatted like `timestamp`"),
      new Description(LAST_SEEN, TEXT, "llm_call, exception", "on a fold's summary only",
          "when the last of them happened, formatted like `timestamp`"),

      new Description(ALERT, TEXT, "alert", ALWAYS,
          "the rule: `rate_limited`, `transient_overloaded`, `fallbacks` or `circuit_open`"),
      new Description(STATE, TEXT, "alert", ALWAYS, "`firing` when an episode begins, `resolved` when it ends"),
      new Description(VALUE, NUMBER, "alert", ALWAYS,
          "the measured percent (for `circuit_open`, the circuits not closed)"),
      new Description(THRESHOLD, NUMBER, "alert", ALWAYS, "the rule's threshold"),
      new Description(SAMPLES, INTEGER, "alert", ALWAYS, "how many attempts or calls the window held"),
      new Description(WINDOW_SECONDS, INTEGER, "alert", ALWAYS, "the window's length, `airbag.alerts.window`"),
      new Description(CIRCUITS, LIST, "alert", "`circuit_open`, while a circuit is not closed",
          "the circuits not closed, as `endpoint/model=state`"));

  private EventFields() {
  }

  /** One field as docs/events.md shows it. Immutable. */
  public static final class Description {
    public final String name;
    /** The JSON type: string, integer, number, boolean or list of strings. */
    public final String type;
    /** The kinds that carry it, comma-separated, or {@code all}. */
    public final String kinds;
    /** When it is present. */
    public final String present;
    public final String meaning;

    Description(String name, String type, String kinds, String present, String meaning) {
      this.name = name;
      this.type = type;
      this.kinds = kinds;
      this.present = present;
      this.meaning = meaning;
    }
  }
}
