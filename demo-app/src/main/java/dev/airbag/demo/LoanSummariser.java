package dev.airbag.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.airbag.faultserver.FaultServer;
import java.util.List;

/**
 * The demo app: summarises a queue of loan application packages for underwriters, through anthropic-java
 * (primary) and openai-java, streaming some of them. It knows nothing of Airbag and handles errors the way a
 * typical app does: it catches the SDK's exception and shows the user its message.
 *
 * <p>It talks to a local fault-injecting LLM server that plays a bad afternoon at the provider.
 */
public final class LoanSummariser {
  private static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  private static final String OPENAI_MODEL = "gpt-4o";

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18089;
    try (FaultServer llm = FaultServer.start(port)) {
      llm.plan(DemoScenario.badAfternoon());
      AnthropicClient anthropic = AnthropicOkHttpClient.builder()
          .baseUrl(llm.baseUrl()).apiKey("sk-ant-demo-not-a-real-key").build();
      OpenAIClient openai = OpenAIOkHttpClient.builder()
          .baseUrl(llm.baseUrl() + "/v1").apiKey("sk-demo-not-a-real-key").build();
      List<LoanPackage> queue = LoanPackage.queue();
      int summarised = 0;
      for (LoanPackage loan : queue) {
        String summary;
        try {
          summary = loan.useOpenAi() ? viaOpenAi(openai, loan) : viaAnthropic(anthropic, loan);
          summarised++;
        } catch (AnthropicException | OpenAIException e) {
          summary = "ERROR shown to the underwriter: " + e.getMessage();
        }
        System.out.printf("%-28s %s%n", loan.label(), oneLine(summary));
      }
      System.out.printf("%nSummarised %d of %d packages; the LLM server saw %d requests.%n", summarised,
          queue.size(), llm.requestCount());
      anthropic.close();
      openai.close();
    }
  }

  private static String viaAnthropic(AnthropicClient client, LoanPackage loan) {
    MessageCreateParams params = MessageCreateParams.builder()
        .model(loan.model() != null ? loan.model() : ANTHROPIC_MODEL)
        .maxTokens(512)
        .addUserMessage(loan.prompt())
        .build();
    if (!loan.streamed()) {
      return client.messages().create(params).content().get(0).text().map(b -> b.text()).orElse("");
    }
    StringBuilder text = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(event -> event.contentBlockDelta()
          .flatMap(delta -> delta.delta().text())
          .ifPresent(delta -> text.append(delta.text())));
    }
    return text.toString();
  }

  private static String viaOpenAi(OpenAIClient client, LoanPackage loan) {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model(loan.model() != null ? loan.model() : OPENAI_MODEL)
        .addUserMessage(loan.prompt())
        .build();
    return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
  }

  private static String oneLine(String text) {
    String flat = text.replace('\n', ' ');
    return flat.length() > 110 ? flat.substring(0, 107) + "..." : flat;
  }
}
