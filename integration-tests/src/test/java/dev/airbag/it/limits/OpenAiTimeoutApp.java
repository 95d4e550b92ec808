package dev.airbag.it.limits;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An openai-java app with its own request timeout ({@code timeout(...)}, OkHttp's callTimeout per SDK attempt) and
 * the SDK's default retries: one chat call, printing {@code RESULT error=Type status=N ms=N} or
 * {@code RESULT ok ms=N}. Knows nothing of Airbag. Args: baseUrl apiKey timeoutMs
 */
public final class OpenAiTimeoutApp {
  public static void main(String[] args) {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey(args[1])
        .timeout(Duration.ofMillis(Long.parseLong(args[2]))).build();
    long started = System.nanoTime();
    try {
      client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o")
          .addUserMessage("Summarise loan application 42 for the underwriter.").build());
      System.out.println("RESULT ok ms=" + millisSince(started));
    } catch (RuntimeException e) {
      String status = e instanceof OpenAIServiceException ? " status=" + ((OpenAIServiceException) e).statusCode() : "";
      System.out.println("RESULT error=" + e.getClass().getSimpleName() + status + " message=" + e.getMessage()
          + " ms=" + millisSince(started));
    }
    client.close();
    System.exit(0);
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
