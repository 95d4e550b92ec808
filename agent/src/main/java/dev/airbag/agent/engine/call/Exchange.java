package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.util.Map;

/**
 * What an HTTP-client adapter lends the engine for one logical call: the ability to send the request again
 * (with another model in its body or path) and to look at, discard, decorate or invent the client's own response
 * objects. {@code R} is the client's response type, opaque to the engine. Used by one thread at a time.
 */
public interface Exchange<R> {
  /** Sends one attempt. */
  R send(AttemptRequest attempt) throws IOException;

  int status(R response);

  HeaderLookup headers(R response);

  /** At most {@code maxBytes} of the body, without consuming it for the app. Never throws: empty on failure. */
  byte[] peekBody(R response, int maxBytes);

  /**
   * True when the last {@link #peekBody} of this response stopped at its time bound, before the body's end and
   * {@code maxBytes}: its bytes are only a start (never replayed as the whole body).
   */
  default boolean peekCutShort(R response) {
    return false;
  }

  /** Releases a response the app will never see (a failed attempt that is retried). */
  void discard(R response);

  /** The response with headers added or replaced (X-Should-Retry, x-airbag-served-model). */
  R withHeaders(R response, Map<String, String> headers);

  /** A response made up by Airbag (an open circuit answering without the network), shaped like the provider's. */
  R synthesize(int status, Map<String, String> headers, byte[] jsonBody);

  /** The response whose body reports to {@code monitor} as the app reads it (streamed answers). */
  R monitorStream(R response, StreamMonitor monitor);

  /** True when the app cancelled the call: no further attempt may be made. */
  boolean isCanceled();
}
