package dev.airbag.it.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Times one LLM call per case: when the app holds the response, and when it has read the body. A case is
 * {@code client[:timeoutMs][:stream]}: {@code okhttp} (read timeout 5 s, the timeout its callTimeout),
 * {@code send} or {@code async} (java.net.http, the timeout its {@code HttpRequest.timeout}).
 * Prints {@code RESULT case status=N body=... response_ms=N body_ms=N} or {@code RESULT case error=... ms=N}.
 * Knows nothing of Airbag. Args: url case...
 */
public final class TimedCallApp {
  public static void main(String[] args) {
    for (int i = 1; i < args.length; i++) {
      String[] kase = args[i].split(":");
      long timeoutMs = kase.length > 1 ? Long.parseLong(kase[1]) : 0;
      boolean stream = kase.length > 2 && kase[2].equals("stream");
      String json = "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      long started = System.nanoTime();
      try {
        System.out.println("RESULT " + args[i] + " " + call(kase[0], args[0], json, timeoutMs, started));
      } catch (Throwable failure) {
        System.out.println("RESULT " + args[i] + " error=" + failure + " ms=" + millisSince(started));
      }
    }
    System.exit(0);
  }

  private static String call(String client, String url, String json, long timeoutMs, long started) throws Exception {
    if (client.equals("okhttp")) {
      OkHttpClient okhttp = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS)
          .callTimeout(timeoutMs, TimeUnit.MILLISECONDS).build();
      Request request = new Request.Builder().url(url)
          .post(RequestBody.create(json, MediaType.get("application/json"))).build();
      try (Response response = okhttp.newCall(request).execute()) {
        long responseMs = millisSince(started);
        String body = response.body().string();
        return result(response.code(), body, responseMs, started);
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (timeoutMs > 0) {
      request.timeout(Duration.ofMillis(timeoutMs));
    }
    HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<java.io.InputStream> response = client.equals("async")
        ? jdk.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).get()
        : jdk.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    long responseMs = millisSince(started);
    String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    return result(response.statusCode(), body, responseMs, started);
  }

  private static String result(int status, String body, long responseMs, long started) {
    return "status=" + status + " body=" + body.replace('\n', '|') + " response_ms=" + responseMs
        + " body_ms=" + millisSince(started);
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
