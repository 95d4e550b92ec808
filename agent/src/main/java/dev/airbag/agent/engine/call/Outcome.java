package dev.airbag.agent.engine.call;

import java.util.Locale;

/** How a logical LLM call ended, as the app saw it. */
public enum Outcome {
  /** Served at the first attempt; no event is written. */
  SUCCEEDED,
  /** Served after retries or by a fallback model. */
  RECOVERED,
  /** The app got the final failure. */
  FAILED,
  /** An open circuit answered without touching the network. */
  SHORT_CIRCUITED,
  /** A streamed answer broke, or carried an error event, after content had reached the app. */
  STREAM_INTERRUPTED;

  // Made once: every call tags its timer with it, and a lower-casing per call is a string per call.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
