package dev.airbag.bench.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** A chat completion through the official openai-java SDK (OkHttp underneath), as an app would make it. */
final class OpenAiWorkload implements Workload {
  static final String MODEL = "gpt-4o-mini";
  static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder()
      .model(MODEL)
      .addUserMessage("Summarise this loan application in two sentences for the underwriter.")
      .build();

  private final OpenAIClient client;

  OpenAiWorkload(String llmBaseUrl) {
    this(OpenAIOkHttpClient.builder().baseUrl(llmBaseUrl + "/v1").apiKey("sk-bench-not-a-real-key").build());
  }

  OpenAiWorkload(OpenAIClient client) {
    this.client = client;
  }

  @Override
  public void call() {
    check(client.chat().completions().create(PARAMS));
  }

  static void check(ChatCompletion completion) {
    if (completion.choices().isEmpty() || completion.choices().get(0).message().content().isEmpty()) {
      throw new IllegalStateException("empty completion: " + completion);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
