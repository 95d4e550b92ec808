package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.body.BodyFields;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.fallback.ModelLocation;

/**
 * One logical LLM call as the app made it, described without any HTTP-client type: where it goes, which model it
 * asks for, and its body when the adapter could read it replayably. Immutable (its safe URL is built on first
 * use, since only an event reads it, and a racing second build gives an equal string).
 */
public final class CallRequest {
  private final Endpoint endpoint;
  private final String method;
  private final String scheme;
  private final String host;
  private final int port;
  private String safeUrl;
  private final String path;
  private final byte[] body;
  private final ModelLocation modelLocation;
  private final boolean replayable;
  private final boolean streamed;
  private final String bodyNote;
  private final RequestHeaders headers;
  private final String rawQuery;
  private final long callerTimeoutNanos;
  private final int clientRetry;

  private CallRequest(Endpoint endpoint, String method, String scheme, String host, int port, String safeUrl,
      String path, byte[] body, ModelLocation modelLocation, boolean replayable, boolean streamed, String bodyNote,
      RequestHeaders headers, String rawQuery, long callerTimeoutNanos, int clientRetry) {
    this.endpoint = endpoint;
    this.method = method;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.safeUrl = safeUrl;
    this.path = path;
    this.body = body;
    this.modelLocation = modelLocation;
    this.replayable = replayable;
    this.streamed = streamed;
    this.bodyNote = bodyNote;
    this.headers = headers == null ? RequestHeaders.NONE : headers;
    this.rawQuery = rawQuery;
    this.callerTimeoutNanos = Math.max(0, callerTimeoutNanos);
    this.clientRetry = clientRetry;
  }

  /**
   * @param safeUrl scheme, host, port and path only: never the query, which may carry a key
   * @param path the encoded URL path, where Azure and Gemini name the model
   * @param body the request body when it could be read and replayed, else null
   * @param replayable whether the request can be sent more than once (false for a one-shot body)
   * @param acceptsStream whether the request's headers ask for a stream ({@code Accept: text/event-stream}); a
   *     body's top-level {@code "stream": true} makes the call streamed too
   * @param bodyNote why the body was not read (for the event), or null
   */
  public static CallRequest of(Endpoint endpoint, String method, String safeUrl, String path, byte[] body,
      boolean replayable, boolean acceptsStream, String bodyNote) {
    BodyFields fields = BodyFields.read(body);
    return new CallRequest(endpoint, method, null, null, 0, safeUrl, path, body,
        ModelLocation.of(endpoint.provider(), path, fields.model()), replayable, acceptsStream || fields.stream(),
        bodyNote, null, null, 0, -1);
  }

  /**
   * As {@link #of(Endpoint, String, String, String, byte[], boolean, boolean, String)}, with the safe URL given by
   * its parts ({@code scheme://host:port} and the path) and built only if an event asks for it: a call that
   * succeeds at once writes none, so building it for every call was a string per call for nothing.
   */
  public static CallRequest of(Endpoint endpoint, String method, String scheme, String host, int port, String path,
      byte[] body, boolean replayable, boolean acceptsStream, String bodyNote) {
    BodyFields fields = BodyFields.read(body);
    return new CallRequest(endpoint, method, scheme, host, port, null, path, body,
        ModelLocation.of(endpoint.provider(), path, fields.model()), replayable, acceptsStream || fields.stream(),
        bodyNote, null, null, 0, -1);
  }

  /**
   * This request with what the engine reads only on demand: its headers, its raw query (which may carry a key, so it
   * never reaches an event), and the time the caller allows the whole call ({@code 0} when the client sets none).
   */
  public CallRequest with(RequestHeaders headers, String rawQuery, long callerTimeoutNanos) {
    // The copies keep the model found once: the body is the same bytes, so scanning it again would only cost.
    return new CallRequest(endpoint, method, scheme, host, port, safeUrl, path, body, modelLocation, replayable,
        streamed, bodyNote, headers, rawQuery, callerTimeoutNanos, clientRetry);
  }

  /**
   * This request numbered by its HTTP client's own retry loop (0 for its first send), for a client that re-sends
   * through the adapter but says so in no header (Apache HttpClient's retry exec).
   */
  public CallRequest withClientRetry(int retry) {
    return new CallRequest(endpoint, method, scheme, host, port, safeUrl, path, body, modelLocation, replayable,
        streamed, bodyNote, headers, rawQuery, callerTimeoutNanos, retry);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public String method() {
    return method;
  }

  /** Scheme, host, port and path: never the query, which may carry a key. */
  public String safeUrl() {
    String url = safeUrl;
    if (url == null) {
      url = scheme + "://" + host + ":" + port + path;
      safeUrl = url;
    }
    return url;
  }

  /** The replayable body (shared: do not modify), or null when it was not read. */
  public byte[] body() {
    return body;
  }

  public String path() {
    return path;
  }

  /** The model asked for, or null when neither the path nor a readable body names one. */
  public String model() {
    return modelLocation.model();
  }

  public ModelLocation modelLocation() {
    return modelLocation;
  }

  /** False when the request cannot be sent twice: it gets one attempt, no retry and no fallback. */
  public boolean replayable() {
    return replayable;
  }

  /** True when the app asked for a streamed (SSE) answer, by its headers or its body. */
  public boolean streamed() {
    return streamed;
  }

  public String bodyNote() {
    return bodyNote;
  }

  /** The request's headers, read lazily; never null. */
  public RequestHeaders headers() {
    return headers;
  }

  /** The raw query string, or null; it may carry a key and must never be written anywhere. */
  public String rawQuery() {
    return rawQuery;
  }

  /** The client's own retry number of this request (0 for its first send), or -1 when the adapter cannot tell. */
  public int clientRetry() {
    return clientRetry;
  }

  /** How long the caller's own timeout lets the whole call take, in nanoseconds; 0 when it sets none. */
  public long callerTimeoutNanos() {
    return callerTimeoutNanos;
  }
}
