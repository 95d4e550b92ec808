package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.util.Map;

/**
 * What an HTTP-client adapter lends the engine for one logical call: the ability to send the request again
 * (with another body) and to look at, discard or decorate the client's own response objects. {@code R} is the
 * client's response type, opaque to the engine. Used by one thread at a time.
 */
public interface Exchange<R> {
  /**
   * Sends one attempt. {@code body} is null to send the app's original request unchanged, or the bytes to send
   * instead (a body with another model).
   */
  R send(byte[] body) throws IOException;

  int status(R response);

  HeaderLookup headers(R response);

  /** At most {@code maxBytes} of the body, without consuming it for the app. Never throws: empty on failure. */
  byte[] peekBody(R response, int maxBytes);

  /** Releases a response the app will never see (a failed attempt that is retried). */
  void discard(R response);

  /** The response with headers added or replaced (X-Should-Retry, x-airbag-served-model). */
  R withHeaders(R response, Map<String, String> headers);
}
