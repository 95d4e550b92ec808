package dev.airbag.it.resilience;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;

/** An anthropic-java app that makes a call every {@code pauseMillis}: long enough for a circuit to open and heal. */
public final class PacedAnthropicApp {
  public static void main(String[] args) throws Exception {
    AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(args[0]).apiKey(args[1]).maxRetries(0).build();
    int count = Integer.parseInt(args[3]);
    long pauseMillis = Long.parseLong(args[4]);
    for (int i = 0; i < count; i++) {
      try {
        client.messages().create(MessageCreateParams.builder().model(args[2]).maxTokens(64).addUserMessage("hi").build());
        System.out.println("RESULT ok");
      } catch (RuntimeException e) {
        System.out.println("RESULT error " + e.getClass().getSimpleName());
      }
      Thread.sleep(pauseMillis);
    }
    client.close();
  }
}
