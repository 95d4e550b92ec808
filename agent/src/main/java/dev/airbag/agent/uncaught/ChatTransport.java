package dev.airbag.agent.uncaught;

import java.io.IOException;

/** Posts one chat-completions request; the seam between the AI labeller and HTTP. Implementations are thread-safe. */
interface ChatTransport {
  /** Sends the JSON body; throws IOException (a timeout included) when no response arrived. */
  ChatResponse post(String jsonBody) throws IOException, InterruptedException;

  /** One HTTP response: status, body, and the Retry-After hint in milliseconds or -1. Immutable. */
  final class ChatResponse {
    final int status;
    final String body;
    final long retryAfterMillis;

    ChatResponse(int status, String body, long retryAfterMillis) {
      this.status = status;
      this.body = body;
      this.retryAfterMillis = retryAfterMillis;
    }
  }
}
