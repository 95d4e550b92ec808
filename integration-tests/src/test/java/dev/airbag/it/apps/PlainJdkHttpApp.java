package dev.airbag.it.apps;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A plain java.net.http app: POSTs a JSON body with send or sendAsync, the body from ofString or from an input
 * stream, and prints status, the served-model header and body. Args: url json mode(send|async|stream-body) count
 */
public final class PlainJdkHttpApp {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < count; i++) {
      HttpRequest.BodyPublisher body = mode.equals("stream-body")
          ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
          : HttpRequest.BodyPublishers.ofString(json);
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .POST(body).build();
      try {
        HttpResponse<String> response = mode.equals("async")
            ? client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get()
            : client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("RESULT status=" + response.statusCode() + " served_by="
            + response.headers().firstValue("x-airbag-served-model").orElse("-") + " body=" + response.body().replace('\n', ' '));
      } catch (Exception e) {
        System.out.println("RESULT error type=" + e.getClass().getSimpleName());
      }
    }
  }
}
