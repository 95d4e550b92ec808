package dev.airbag.agent.telemetry.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values of an event's {@link EventFields#KIND}: one per producer, so collectors can route by it. */
public final class EventKinds {
  public static final String LLM_CALL = "llm_call";
  public static final String CIRCUIT = "circuit";
  public static final String EXCEPTION = "exception";
  public static final String ALERT = "alert";

  /** Each kind and when an event of it is written, in the order docs/events.md lists them. */
  public static final Map<String, String> DESCRIBED;

  static {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put(LLM_CALL, "an LLM call that did not succeed at its first attempt: retried, served by a fallback model,"
        + " failed, short-circuited or cut mid-stream; a first-attempt success writes nothing");
    kinds.put(CIRCUIT, "a circuit breaker (one per endpoint and model) changed state");
    kinds.put(EXCEPTION, "an exception the app did not handle: it escaped a thread or a servlet, or an executor"
        + " swallowed it (`airbag.exceptions.executors`)");
    kinds.put(ALERT, "an alert rule started firing or resolved (`airbag.alerts.*`)");
    DESCRIBED = Collections.unmodifiableMap(kinds);
  }

  private EventKinds() {
  }
}
