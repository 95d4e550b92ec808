package dev.airbag.agent.telemetry.events;

/** The values of an event's {@link EventFields#KIND}: one per producer, so collectors can route by it. */
public final class EventKinds {
  /** An LLM call that failed at least once (recovered or not). */
  public static final String LLM_CALL = "llm_call";
  /** A circuit breaker changed state. */
  public static final String CIRCUIT = "circuit";
  /** An uncaught or swallowed exception in the app. */
  public static final String EXCEPTION = "exception";
  /** A metric crossed an alert threshold. */
  public static final String ALERT = "alert";

  private EventKinds() {
  }
}
