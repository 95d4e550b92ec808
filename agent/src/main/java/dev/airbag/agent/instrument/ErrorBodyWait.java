package dev.airbag.agent.instrument;

import java.util.concurrent.TimeUnit;

/**
 * How long an adapter waits for an error body it reads to classify. A provider sends its error body with the
 * headers, so one that still trickles after a short grace is classified on what came, and the app gets the response
 * at once with the rest still to read, as it would without Airbag. Never longer than the caller's time left.
 */
public final class ErrorBodyWait {
  /** Providers' error bodies come within milliseconds of their headers: a second is generous. */
  static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private ErrorBodyWait() {}

  /** The wait, given the nanoseconds the caller's own timeout leaves ({@code Long.MAX_VALUE} when it set none). */
  public static long nanos(long callerLeftNanos) {
    return Math.max(0, Math.min(GRACE_NANOS, callerLeftNanos));
  }
}
