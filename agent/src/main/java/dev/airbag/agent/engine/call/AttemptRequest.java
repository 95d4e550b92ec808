package dev.airbag.agent.engine.call;

/** What one attempt sends: the body and path to use (null for the app's own) and a first-byte timeout. Immutable. */
public final class AttemptRequest {
  private static final AttemptRequest ORIGINAL = new AttemptRequest(null, null, 0);

  private final byte[] body;
  private final String path;
  private final long firstByteTimeoutMillis;

  private AttemptRequest(byte[] body, String path, long firstByteTimeoutMillis) {
    this.body = body;
    this.path = path;
    this.firstByteTimeoutMillis = firstByteTimeoutMillis;
  }

  /** The app's request, unchanged. */
  public static AttemptRequest original() {
    return ORIGINAL;
  }

  public static AttemptRequest of(byte[] body, String path, long firstByteTimeoutMillis) {
    return new AttemptRequest(body, path, firstByteTimeoutMillis);
  }

  /** The body to send, or null for the captured (or the app's own) body. */
  public byte[] body() {
    return body;
  }

  /** The URL path to send to, or null for the app's own. */
  public String path() {
    return path;
  }

  /** How long to wait for the response's first byte, or 0 for the client's own timeouts. */
  public long firstByteTimeoutMillis() {
    return firstByteTimeoutMillis;
  }
}
