package dev.airbag.it.apps;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ordinary google-genai app, its own retries at their defaults (5 attempts, 1 s doubling, full jitter): makes
 * {@code count} generateContent calls and prints one RESULT line per call. Knows nothing of Airbag.
 * Args: baseUrl apiKey models(comma-separated, used in turn) mode(sync|stream) count apiVersion(v1|v1beta)
 */
public final class GenaiChatApp {
  private static final AtomicInteger CALLS = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    String[] models = args[2].split(",");
    String mode = args[3];
    int count = Integer.parseInt(args[4]);
    HttpOptions http = HttpOptions.builder().baseUrl(args[0]).apiVersion(args[5]).build();
    try (Client client = Client.builder().apiKey(args[1]).httpOptions(http).build()) {
      CallLoop.run(count, models, model -> call(client, model, mode),
          error -> error instanceof ApiException ? "status=" + ((ApiException) error).code() + " " : "");
    }
  }

  private static String call(Client client, String model, String mode) throws Exception {
    // One application per call: an app's next call is a new request, never a re-send of the last one.
    String prompt = "Summarise loan application " + CALLS.incrementAndGet() + " for the underwriter.";
    if (mode.equals("stream")) {
      StringBuilder text = new StringBuilder();
      try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(model, prompt, null)) {
        stream.forEach(chunk -> text.append(chunk.text()));
      }
      return text.toString();
    }
    return client.models.generateContent(model, prompt, null).text();
  }
}
