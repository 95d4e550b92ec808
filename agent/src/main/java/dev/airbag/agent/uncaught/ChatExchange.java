package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Lends the engine's pipeline one AI-labeller request: each attempt posts the same prompt through the
 * {@link ChatTransport}; an open circuit's made-up answer is a plain {@link ChatTransport.ChatResponse}. The labeller
 * reads only status and body, so nothing is decorated or streamed. Used by one thread (the review worker).
 */
final class ChatExchange implements Exchange<ChatTransport.ChatResponse> {
  private final ChatTransport transport;
  private final String body;

  ChatExchange(ChatTransport transport, String body) {
    this.transport = transport;
    this.body = body;
  }

  @Override
  public ChatTransport.ChatResponse send(AttemptRequest attempt) throws IOException {
    try {
      return transport.post(body);
    } catch (InterruptedException closing) {
      // The worker is being closed: keep the interrupt, so that no further attempt or wait follows.
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the review worker was interrupted");
    }
  }

  @Override
  public int status(ChatTransport.ChatResponse response) {
    return response.status;
  }

  @Override
  public HeaderLookup headers(ChatTransport.ChatResponse response) {
    return response.headers;
  }

  @Override
  public byte[] peekBody(ChatTransport.ChatResponse response, int maxBytes) {
    byte[] bytes = response.body.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= maxBytes ? bytes : Arrays.copyOf(bytes, maxBytes);
  }

  @Override
  public void discard(ChatTransport.ChatResponse response) {
    // The body is already a string: there is no connection to release.
  }

  @Override
  public ChatTransport.ChatResponse withHeaders(ChatTransport.ChatResponse response, Map<String, String> headers) {
    return response;
  }

  @Override
  public ChatTransport.ChatResponse synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return new ChatTransport.ChatResponse(status, new String(jsonBody, StandardCharsets.UTF_8),
        HeaderLookup.of(headers));
  }

  @Override
  public ChatTransport.ChatResponse monitorStream(ChatTransport.ChatResponse response, StreamMonitor monitor) {
    return response;
  }

  @Override
  public boolean isCanceled() {
    return Thread.currentThread().isInterrupted();
  }
}
