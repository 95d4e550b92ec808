package dev.airbag.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * The app's LLM calls through the official SDKs: anthropic-java (primary, some calls streamed) and openai-java.
 * Thread-safe (the SDK clients are).
 */
final class SdkSummariser implements Summariser {
  private final AnthropicClient anthropic;
  private final OpenAIClient openai;

  /** Clients for the provider at {@code baseUrl}; {@code maxRetries} null keeps each SDK's default (2). */
  SdkSummariser(String baseUrl, Integer maxRetries) {
    AnthropicOkHttpClient.Builder anthropicBuilder = AnthropicOkHttpClient.builder()
        .baseUrl(baseUrl).apiKey("sk-ant-demo-not-a-real-key");
    OpenAIOkHttpClient.Builder openaiBuilder = OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl + "/v1").apiKey("sk-demo-not-a-real-key");
    if (maxRetries != null) {
      anthropicBuilder.maxRetries(maxRetries);
      openaiBuilder.maxRetries(maxRetries);
    }
    this.anthropic = anthropicBuilder.build();
    this.openai = openaiBuilder.build();
  }

  @Override
  public Summary summarise(LoanPackage loan) {
    return loan.useOpenAi() ? viaOpenAi(loan) : loan.streamed() ? streamedViaAnthropic(loan) : viaAnthropic(loan);
  }

  private Summary viaAnthropic(LoanPackage loan) {
    Message message = anthropic.messages().create(anthropicParams(loan));
    String text = message.content().isEmpty() ? ""
        : message.content().get(0).text().map(block -> block.text()).orElse("");
    return new Summary(text, message.model().asString());
  }

  private Summary streamedViaAnthropic(LoanPackage loan) {
    StringBuilder text = new StringBuilder();
    String[] model = {loan.model()};
    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(anthropicParams(loan))) {
      stream.stream().forEach(event -> {
        event.messageStart().ifPresent(start -> model[0] = start.message().model().asString());
        event.contentBlockDelta().flatMap(delta -> delta.delta().text()).ifPresent(delta -> text.append(delta.text()));
      });
    }
    return new Summary(text.toString(), model[0]);
  }

  private Summary viaOpenAi(LoanPackage loan) {
    ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
        .model(loan.model()).addUserMessage(loan.prompt()).build());
    return new Summary(completion.choices().get(0).message().content().orElse(""), completion.model());
  }

  private static MessageCreateParams anthropicParams(LoanPackage loan) {
    return MessageCreateParams.builder().model(loan.model()).maxTokens(512).addUserMessage(loan.prompt()).build();
  }

  @Override
  public void close() {
    anthropic.close();
    openai.close();
  }
}
