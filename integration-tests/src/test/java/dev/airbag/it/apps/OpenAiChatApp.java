package dev.airbag.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * An ordinary openai-java app: makes {@code count} chat calls and prints one RESULT line per call, handling
 * errors the way a typical app does. Knows nothing of Airbag.
 * Args: baseUrl apiKey models(comma-separated, used in turn) mode(sync|async|stream|raw) count maxRetries
 */
public final class OpenAiChatApp {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String apiKey = args[1];
    String[] models = args[2].split(",");
    String mode = args[3];
    int count = Integer.parseInt(args[4]);
    int maxRetries = Integer.parseInt(args[5]);
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(maxRetries).build();
    CallLoop.run(count, models, model -> call(client, ChatCompletionCreateParams.builder()
          .model(model)
          .addUserMessage("Summarise loan application 42 for the underwriter.")
          .build(), mode),
        error -> error instanceof OpenAIServiceException ? "status=" + ((OpenAIServiceException) error).statusCode() + " " : "");
    client.close();
  }

  private static String call(OpenAIClient client, ChatCompletionCreateParams params, String mode) throws Exception {
    switch (mode) {
      case "sync":
        return text(client.chat().completions().create(params));
      case "raw":
        // The response headers say which model served when Airbag fell back.
        var raw = client.chat().completions().withRawResponse().create(params);
        return "served_by=" + raw.headers().values("x-airbag-served-model") + " " + text(raw.parse());
      case "async":
        return text(client.async().chat().completions().create(params).get());
      case "stream":
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
          stream.stream().forEach(chunk -> chunk.choices().forEach(
              choice -> choice.delta().content().ifPresent(text::append)));
        }
        return text.toString();
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  private static String text(ChatCompletion completion) {
    return completion.choices().get(0).message().content().orElse("");
  }
}
