package dev.airbag.agent.engine.classify;

/**
 * What one attempt of an LLM call produced, as the classifier sees it: an HTTP response (status, headers and
 * at most a bounded prefix of the body, possibly still gzip-encoded), a transport exception, or an error event
 * found inside a 200 stream. Immutable.
 */
public final class Observation {
  /** How far an attempt got before it failed; decides whether a transport failure is a timeout or transient. */
  public enum Phase {
    CONNECT,
    BEFORE_FIRST_BYTE,
    RESPONSE,
    STREAM
  }

  private final int status;
  private final HeaderLookup headers;
  private final byte[] bodyPrefix;
  private final boolean bodyTruncated;
  private final Throwable exception;
  private final Phase phase;

  private Observation(int status, HeaderLookup headers, byte[] bodyPrefix, boolean bodyTruncated,
      Throwable exception, Phase phase) {
    this.status = status;
    this.headers = headers == null ? HeaderLookup.NONE : headers;
    this.bodyPrefix = bodyPrefix == null ? new byte[0] : bodyPrefix;
    this.bodyTruncated = bodyTruncated;
    this.exception = exception;
    this.phase = phase;
  }

  /**
   * An HTTP response. {@code bodyPrefix} holds at most the bytes the adapter chose to peek; if the
   * response's Content-Encoding is gzip, they are still compressed and the classifier inflates them.
   */
  public static Observation response(int status, HeaderLookup headers, byte[] bodyPrefix, boolean truncated) {
    return new Observation(status, headers, bodyPrefix, truncated, null, Phase.RESPONSE);
  }

  /** A transport failure: no HTTP status was received. */
  public static Observation exception(Throwable exception, Phase phase) {
    return new Observation(-1, HeaderLookup.NONE, null, false, exception, phase);
  }

  /** An error event inside a 200 stream: {@code eventData} is the event's JSON data. */
  public static Observation streamError(int status, HeaderLookup headers, byte[] eventData) {
    return new Observation(status, headers, eventData, false, null, Phase.STREAM);
  }

  /** The HTTP status, or -1 when none was received. */
  public int status() {
    return status;
  }

  public HeaderLookup headers() {
    return headers;
  }

  /** The body prefix as received (shared array: do not modify). */
  public byte[] bodyPrefix() {
    return bodyPrefix;
  }

  public boolean bodyTruncated() {
    return bodyTruncated;
  }

  /** The transport exception, or null for a response. */
  public Throwable exception() {
    return exception;
  }

  public Phase phase() {
    return phase;
  }
}
