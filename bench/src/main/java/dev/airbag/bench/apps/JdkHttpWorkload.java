package dev.airbag.bench.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A chat completion POSTed to the LLM endpoint through java.net.http, as LangChain4j's JDK client does. */
final class JdkHttpWorkload implements Workload {
  static final String BODY = "{\"model\":\"" + OpenAiWorkload.MODEL + "\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Summarise this loan application in two sentences for the underwriter.\"}]}";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpRequest request;

  JdkHttpWorkload(String llmBaseUrl) {
    request = HttpRequest.newBuilder(URI.create(llmBaseUrl + "/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer sk-bench-not-a-real-key")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }

  @Override
  public void call() throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("choices")) {
      throw new IllegalStateException("unexpected answer " + response.statusCode() + " " + response.body());
    }
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads are daemons.
  }
}
