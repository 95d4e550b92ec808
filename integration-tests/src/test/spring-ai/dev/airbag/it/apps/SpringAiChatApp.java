package dev.airbag.it.apps;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * An ordinary Spring AI 1.1 app without Reactor Netty: its OpenAI chat model on RestClient with Spring's JDK client,
 * whose request bodies are one-shot publishers. Spring AI's short retry template (its own retries, kept fast for the
 * test). Prints the model that answered. Knows nothing of Airbag. Compiled at test time against app-libs/spring-ai.
 * Args: baseUrl apiKey model count
 */
public final class SpringAiChatApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    String apiKey = args[1];
    String model = args[2];
    int count = Integer.parseInt(args[3]);
    OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey(apiKey)
        .restClientBuilder(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()))
        .build();
    OpenAiChatModel chat = OpenAiChatModel.builder().openAiApi(api)
        .defaultOptions(OpenAiChatOptions.builder().model(model).build())
        .retryTemplate(RetryUtils.SHORT_RETRY_TEMPLATE)
        .build();
    CallLoop.run(count, new String[] {model}, ignored -> {
      ChatResponse response = chat.call(new Prompt("Summarise loan application 42 for the underwriter."));
      return "model=" + response.getMetadata().getModel() + " " + response.getResult().getOutput().getText();
    }, error -> "");
  }
}
