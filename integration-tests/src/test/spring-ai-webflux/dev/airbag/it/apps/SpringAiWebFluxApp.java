package dev.airbag.it.apps;

import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.RetryUtils;

/**
 * An ordinary Spring AI 1.1 app with Reactor Netty on its class path, as in a WebFlux app: its OpenAI chat model on
 * Spring's default clients, which then are Reactor Netty's (RestClient for a call, WebClient for a stream). Spring
 * AI's short retry template (its own retries, kept fast for the test). Prints the model that answered. Knows nothing
 * of Airbag. Compiled at test time against app-libs/spring-ai-webflux. Args: baseUrl apiKey model mode(call|stream)
 * count
 */
public final class SpringAiWebFluxApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    String apiKey = args[1];
    String model = args[2];
    boolean stream = args[3].equals("stream");
    int count = Integer.parseInt(args[4]);
    OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey(apiKey).build();
    OpenAiChatModel chat = OpenAiChatModel.builder().openAiApi(api)
        .defaultOptions(OpenAiChatOptions.builder().model(model).build())
        .retryTemplate(RetryUtils.SHORT_RETRY_TEMPLATE)
        .build();
    Prompt prompt = new Prompt("Summarise loan application 42 for the underwriter.");
    CallLoop.run(count, new String[] {model}, ignored -> {
      if (stream) {
        List<ChatResponse> chunks = chat.stream(prompt).collectList().block();
        String text = chunks.stream().map(c -> c.getResult() == null ? "" : c.getResult().getOutput().getText())
            .filter(Objects::nonNull).reduce("", String::concat);
        return "model=" + chunks.get(chunks.size() - 1).getMetadata().getModel() + " chunks=" + chunks.size() + " "
            + text;
      }
      ChatResponse response = chat.call(prompt);
      return "model=" + response.getMetadata().getModel() + " " + response.getResult().getOutput().getText();
    }, error -> "");
  }
}
