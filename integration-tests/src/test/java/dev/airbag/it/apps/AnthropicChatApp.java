package dev.airbag.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;

/**
 * An ordinary anthropic-java app: makes {@code count} message calls and prints one RESULT line per call.
 * Knows nothing of Airbag. Args: baseUrl apiKey models(comma-separated, used in turn) mode(sync|async|stream) count maxRetries
 */
public final class AnthropicChatApp {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String apiKey = args[1];
    String[] models = args[2].split(",");
    String mode = args[3];
    int count = Integer.parseInt(args[4]);
    int maxRetries = Integer.parseInt(args[5]);
    AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(maxRetries)
        .build();
    CallLoop.run(count, models, model -> call(client, MessageCreateParams.builder()
          .model(model)
          .maxTokens(256)
          .addUserMessage("Summarise loan application 42 for the underwriter.")
          .build(), mode),
        error -> error instanceof AnthropicServiceException ? "status=" + ((AnthropicServiceException) error).statusCode() + " " : "");
    client.close();
  }

  private static String call(AnthropicClient client, MessageCreateParams params, String mode) throws Exception {
    switch (mode) {
      case "sync":
        return text(client.messages().create(params));
      case "async":
        return text(client.async().messages().create(params).get());
      case "stream":
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
          stream.stream().forEach(event -> event.contentBlockDelta()
              .flatMap(delta -> delta.delta().text())
              .ifPresent(delta -> text.append(delta.text())));
        }
        return text.toString();
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  private static String text(Message message) {
    return message.content().get(0).text().map(block -> block.text()).orElse("");
  }
}
