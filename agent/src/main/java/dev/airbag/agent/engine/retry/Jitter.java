package dev.airbag.agent.engine.retry;

import java.util.Locale;

/**
 * How a backoff delay is randomised, so that clients that failed together do not retry together. Values follow
 * the AWS architecture blog "Exponential Backoff And Jitter"; FULL makes the fewest calls under contention, SDK
 * keeps a call's pace that of the SDKs' own retries (a failing call never ends sooner than without Airbag).
 * See {@link Backoff#delayNanos} for the arithmetic of each mode.
 */
public enum Jitter {
  /** The OpenAI and Anthropic SDKs' own: the delay less up to a quarter, so Airbag paces a call as they would. */
  SDK,
  FULL,
  EQUAL,
  DECORRELATED,
  NONE;

  /** The lower-case name used in config values and events ({@code decorrelated}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, ignoring case and surrounding blanks; returns null when the text names no mode. */
  public static Jitter fromWireName(String text) {
    if (text == null) {
      return null;
    }
    String normalised = text.trim().toUpperCase(Locale.ROOT);
    for (Jitter jitter : values()) {
      if (jitter.name().equals(normalised)) {
        return jitter;
      }
    }
    return null;
  }
}
