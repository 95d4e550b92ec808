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
    long totalNanos = 0;
    long tailNanos = 0;
    int ok = 0;
    for (int i = 0; i < count; i++) {
      MessageCreateParams params = MessageCreateParams.builder()
          .model(models[i % models.length])
          .maxTokens(256)
          .addUserMessage("Summarise loan application 42 for the underwriter.")
          .build();
      long started = System.nanoTime();
      try {
        String text = call(client, params, mode);
        totalNanos += System.nanoTime() - started;
        tailNanos += i >= count / 2 ? System.nanoTime() - started : 0;
        ok++;
        System.out.println("RESULT ok " + text);
      } catch (Exception e) {
        totalNanos += System.nanoTime() - started;
        tailNanos += i >= count / 2 ? System.nanoTime() - started : 0;
        // The message may echo what the server said (keys included): like a careful app, print only the kind.
        Throwable error = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        System.out.println("RESULT error " + (error instanceof AnthropicServiceException
            ? "status=" + ((AnthropicServiceException) error).statusCode() + " " : "") + "type=" + error.getClass().getSimpleName());
      }
    }
    int tail = count - count / 2;
    System.out.println("SUMMARY calls=" + count + " ok=" + ok + " mean_us=" + (count == 0 ? 0 : totalNanos / count / 1000)
        + " tail_mean_us=" + (tail == 0 ? 0 : tailNanos / tail / 1000));
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
