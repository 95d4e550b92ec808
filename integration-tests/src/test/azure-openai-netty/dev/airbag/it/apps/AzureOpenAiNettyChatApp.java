package dev.airbag.it.apps;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.ChatCompletions;
import com.azure.ai.openai.models.ChatCompletionsOptions;
import com.azure.ai.openai.models.ChatRequestUserMessage;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import java.time.Duration;
import java.util.List;

/**
 * An ordinary azure-ai-openai app on the SDK's default HTTP client, azure-core-http-netty (Reactor Netty). Azure's own
 * retries, three with a short fixed delay to keep the test fast. An error response prints its status. Knows nothing
 * of Airbag. Compiled at test time against app-libs/azure-openai-netty. Args: endpoint apiKey deployment count
 * [azureRetries, 3 by default]
 */
public final class AzureOpenAiNettyChatApp {
  public static void main(String[] args) {
    String endpoint = args[0];
    String apiKey = args[1];
    String deployment = args[2];
    int count = Integer.parseInt(args[3]);
    int retries = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    // Azure's key credential refuses plain HTTP; on loopback the key goes in its header as the credential would put it.
    OpenAIClient client = new OpenAIClientBuilder().endpoint(endpoint)
        .addPolicy(new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.fromString("api-key"), apiKey)))
        .retryOptions(new RetryOptions(new FixedDelayOptions(retries, Duration.ofMillis(50))))
        .buildClient();
    CallLoop.run(count, new String[] {deployment}, model -> {
      ChatCompletions completions = client.getChatCompletions(model, new ChatCompletionsOptions(
          List.of(new ChatRequestUserMessage("Summarise loan application 42 for the underwriter."))));
      return "model=" + completions.getModel() + " " + completions.getChoices().get(0).getMessage().getContent();
    }, error -> error instanceof HttpResponseException
        ? "status=" + ((HttpResponseException) error).getResponse().getStatusCode() + " " : "");
  }
}
