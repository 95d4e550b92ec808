package dev.airbag.bench.inprocess;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The trivial exchange of the engine benchmark: every attempt answers {@code status} (an OpenAI-shaped error body
 * for a failure) until {@link #offline()}, after which any attempt is an error (an open circuit must not touch the
 * network). Responses are small immutable
 * objects, so the figure is the engine's own cost. Used by one thread.
 */
final class CannedExchange implements Exchange<CannedExchange.Reply> {
  static final byte[] OVERLOADED = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"
      .getBytes(StandardCharsets.UTF_8);

  /** A response as the engine sees it. */
  static final class Reply {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Reply(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }

  static final byte[] OK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"}".getBytes(StandardCharsets.UTF_8);

  private final int status;
  private boolean online = true;

  CannedExchange(int status) {
    this.status = status;
  }

  void offline() {
    online = false;
  }

  @Override
  public Reply send(AttemptRequest attempt) {
    if (!online) {
      throw new IllegalStateException("an attempt was sent while the circuit should be open");
    }
    return new Reply(status, Map.of("content-type", "application/json"), status == 200 ? OK : OVERLOADED);
  }

  @Override
  public int status(Reply response) {
    return response.status;
  }

  @Override
  public HeaderLookup headers(Reply response) {
    return name -> response.headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public byte[] peekBody(Reply response, int maxBytes) {
    return response.body;
  }

  @Override
  public void discard(Reply response) {
  }

  @Override
  public Reply withHeaders(Reply response, Map<String, String> headers) {
    return new Reply(response.status, headers, response.body);
  }

  @Override
  public Reply synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return new Reply(status, headers, jsonBody);
  }

  @Override
  public Reply monitorStream(Reply response, StreamMonitor monitor) {
    return response;
  }

  @Override
  public boolean isCanceled() {
    return false;
  }
}
