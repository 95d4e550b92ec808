package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;

/** Posts one chat-completions request; the seam between the AI labeller and HTTP. Implementations are thread-safe. */
interface ChatTransport {
  /** Sends the JSON body; throws IOException (a timeout included) when no response arrived. */
  ChatResponse post(String jsonBody) throws IOException, InterruptedException;

  /** One HTTP response: status, body, and its headers (for the engine's wait hints). Immutable. */
  final class ChatResponse {
    final int status;
    final String body;
    final HeaderLookup headers;

    ChatResponse(int status, String body, HeaderLookup headers) {
      this.status = status;
      this.body = body;
      this.headers = headers;
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }
}
