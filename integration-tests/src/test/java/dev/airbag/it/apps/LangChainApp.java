package dev.airbag.it.apps;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary LangChain4j app with its default JDK HTTP client and its default retries. Knows nothing of Airbag.
 * Args: provider(openai|anthropic) baseUrl apiKey model mode(sync|stream) count
 */
public final class LangChainApp {
  public static void main(String[] args) throws Exception {
    String provider = args[0];
    String baseUrl = args[1];
    String apiKey = args[2];
    String model = args[3];
    boolean streaming = args[4].equals("stream");
    int count = Integer.parseInt(args[5]);
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        String text = streaming ? stream(provider, baseUrl, apiKey, model) : chat(provider, baseUrl, apiKey, model);
        ok++;
        System.out.println("RESULT ok " + text);
      } catch (Exception e) {
        Throwable error = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        System.out.println("RESULT error type=" + error.getClass().getSimpleName());
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static String chat(String provider, String baseUrl, String apiKey, String model) {
    ChatModel chat = provider.equals("openai")
        ? OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model).build()
        : AnthropicChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model).maxTokens(256).build();
    return chat.chat("Summarise loan application 42 for the underwriter.");
  }

  private static String stream(String provider, String baseUrl, String apiKey, String model) throws Exception {
    StreamingChatModel chat = provider.equals("openai")
        ? OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model).build()
        : AnthropicStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(model).maxTokens(256).build();
    StringBuilder text = new StringBuilder();
    CompletableFuture<String> done = new CompletableFuture<>();
    chat.chat("Summarise loan application 42 for the underwriter.", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        text.append(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(text.toString());
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return done.get(60, TimeUnit.SECONDS);
  }
}
