package dev.airbag.bench.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/**
 * One app's way of calling its LLM in the no-harm matrix, each SDK built exactly as its README shows and left at
 * its defaults (openai-java and anthropic-java: 2 retries; LangChain4j: its own loop of 2 retries over the JDK's
 * HttpClient). A call returns the answer's text or throws what the SDK throws. Thread-safe, as the SDKs are.
 */
public interface MatrixClient extends AutoCloseable {
  String KEY = "sk-bench-not-a-real-key";

  String call(String prompt) throws Exception;

  @Override
  void close();

  /** {@code openai-java}, {@code anthropic-java} or {@code langchain4j} against the server at {@code baseUrl}. */
  static MatrixClient named(String name, String baseUrl, String model) {
    return named(name, baseUrl, model, null);
  }

  /**
   * {@link #named(String, String, String)}, with the app's own timeout for each request when {@code timeout} is not
   * null (openai-java only: the storm's queue needs an app that gives up before the SDK's default 10 minutes).
   */
  static MatrixClient named(String name, String baseUrl, String model, Duration timeout) {
    if (timeout != null && !name.equals("openai-java")) {
      throw new IllegalArgumentException("a timeout is set for openai-java only, not " + name);
    }
    switch (name) {
      case "openai-java": {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey(KEY);
        OpenAIClient client = (timeout == null ? builder : builder.timeout(timeout)).build();
        return of(prompt -> client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
            .addUserMessage(prompt).build()).choices().get(0).message().content().orElse(""), client::close);
      }
      case "anthropic-java": {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(KEY).build();
        return of(prompt -> client.messages().create(MessageCreateParams.builder().model(model).maxTokens(256)
            .addUserMessage(prompt).build()).content().get(0).text().map(b -> b.text()).orElse(""), client::close);
      }
      case "langchain4j": {
        ChatModel chat = OpenAiChatModel.builder().baseUrl(baseUrl + "/v1").apiKey(KEY).modelName(model).build();
        return of(chat::chat, () -> { });
      }
      default:
        throw new IllegalArgumentException("unknown client " + name + "; one of openai-java, anthropic-java, langchain4j");
    }
  }

  private static MatrixClient of(Call call, Runnable close) {
    return new MatrixClient() {
      @Override
      public String call(String prompt) throws Exception {
        return call.run(prompt);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }

  /** One call, as the SDK makes it. */
  @FunctionalInterface
  interface Call {
    String run(String prompt) throws Exception;
  }
}
