package dev.airbag.it.h2;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Per case, one chat call over whatever the server offers (h2 over TLS here), timed, then one ordinary GET on the
 * same client. A case is {@code client[:timeoutMs]}: {@code okhttp} (read timeout 5 s, the timeout its
 * callTimeout), {@code send} or {@code async} (java.net.http asking for HTTP/2, the timeout its
 * {@code HttpRequest.timeout}). Prints {@code RESULT case protocol=P status=N body=... response_ms=N body_ms=N} or
 * {@code RESULT case error=... ms=N}, then {@code OTHER case protocol=P status=N headers={...} body=...}.
 * Java 11 source; knows nothing of Airbag. Args: chatUrl otherUrl|- case...
 */
public final class H2CallApp {
  static final String JSON = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  public static void main(String[] args) {
    for (int i = 2; i < args.length; i++) {
      String[] kase = args[i].split(":");
      long timeoutMs = kase.length > 1 ? Long.parseLong(kase[1]) : 0;
      boolean okhttp = kase[0].equals("okhttp");
      OkHttpClient ok = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS)
          .callTimeout(timeoutMs, TimeUnit.MILLISECONDS).build();
      HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      System.out.println("RESULT " + args[i] + " " + (okhttp ? chat(ok, args[0]) : chat(jdk, kase[0].equals("async"),
          args[0], timeoutMs)));
      if (!args[1].equals("-")) {
        System.out.println("OTHER " + args[i] + " " + (okhttp ? other(ok, args[1]) : other(jdk, args[1])));
      }
    }
    System.exit(0);
  }

  static String chat(OkHttpClient client, String url) {
    long started = System.nanoTime();
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(JSON, MediaType.get("application/json"))).build();
    try (Response response = client.newCall(request).execute()) {
      long responseMs = millisSince(started);
      String body = response.body().string();
      return result(response.protocol().toString(), response.code(), body, responseMs, started);
    } catch (Throwable failure) {
      return "error=" + failure + " ms=" + millisSince(started);
    }
  }

  static String chat(HttpClient client, boolean async, String url, long timeoutMs) {
    long started = System.nanoTime();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON));
    if (timeoutMs > 0) {
      request.timeout(Duration.ofMillis(timeoutMs));
    }
    try {
      HttpResponse<InputStream> response = async
          ? client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).get()
          : client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      long responseMs = millisSince(started);
      String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
      return result(response.version().toString(), response.statusCode(), body, responseMs, started);
    } catch (Throwable failure) {
      return "error=" + failure + " ms=" + millisSince(started);
    }
  }

  private static String other(OkHttpClient client, String url) {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return "protocol=" + response.protocol() + " status=" + response.code() + " headers="
          + new TreeMap<>(response.headers().toMultimap()) + " body=" + response.body().string();
    } catch (Throwable failure) {
      return "error=" + failure;
    }
  }

  private static String other(HttpClient client, String url) {
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString());
      return "protocol=" + response.version() + " status=" + response.statusCode() + " headers="
          + new TreeMap<>(response.headers().map()) + " body=" + response.body();
    } catch (Throwable failure) {
      return "error=" + failure;
    }
  }

  private static String result(String protocol, int status, String body, long responseMs, long started) {
    return "protocol=" + protocol + " status=" + status + " body=" + body.replace('\n', '|') + " response_ms="
        + responseMs + " body_ms=" + millisSince(started);
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
