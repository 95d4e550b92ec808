package dev.airbag.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultServiceUnavailableRetryStrategy;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * A hand-written Apache HttpClient 4.5 client: one client for the run, a JSON POST per call (as a string entity, or
 * as a one-shot stream), read whole or line by line as a stream, one RESULT line per call and a SUMMARY.
 * Args: url json mode(post|stream|get|one-shot) count [client(default|no-retries|system|retry-503)]: retry-503 adds
 * the client's own service-unavailable retry (once, after a second).
 */
public final class PlainApacheClient4App {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    String kind = args.length > 4 ? args[4] : "default";
    int ok = 0;
    try (CloseableHttpClient client = client(kind)) {
      for (int i = 0; i < count; i++) {
        try {
          ok += call(client, url, json, mode) ? 1 : 0;
        } catch (IOException e) {
          System.out.println("RESULT error type=" + e.getClass().getSimpleName());
        }
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static CloseableHttpClient client(String kind) {
    switch (kind) {
      case "no-retries":
        return HttpClientBuilder.create().disableAutomaticRetries().build();
      case "system":
        return HttpClients.createSystem();
      case "retry-503":
        return HttpClientBuilder.create().setServiceUnavailableRetryStrategy(
            new DefaultServiceUnavailableRetryStrategy(1, 1000)).build();
      default:
        return HttpClients.createDefault();
    }
  }

  private static boolean call(CloseableHttpClient client, String url, String json, String mode) throws IOException {
    HttpUriRequest request;
    if (mode.equals("get")) {
      request = new HttpGet(url);
    } else {
      HttpPost post = new HttpPost(url);
      post.setHeader("Authorization", "Bearer sk-test-apache5");
      if (mode.equals("stream")) {
        post.setHeader("Accept", "text/event-stream");
      }
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      post.setEntity(mode.equals("one-shot")
          ? new InputStreamEntity(new java.io.ByteArrayInputStream(bytes), -1, ContentType.APPLICATION_JSON)
          : new StringEntity(json, ContentType.APPLICATION_JSON));
      request = post;
    }
    long start = System.nanoTime();
    return client.execute(request, response -> {
      int status = response.getStatusLine().getStatusCode();
      Header served = response.getFirstHeader("x-airbag-served-model");
      String servedBy = served == null ? "-" : served.getValue();
      if (status >= 400) {
        String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
        System.out.println("RESULT status=" + status + " error=" + body.replace('\n', ' '));
        return false;
      }
      if (mode.equals("stream")) {
        long firstLineMillis = -1;
        int lines = 0;
        StringBuilder text = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.getEntity().getContent(),
            StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (firstLineMillis < 0) {
              firstLineMillis = (System.nanoTime() - start) / 1_000_000;
            }
            lines++;
            text.append(line).append(' ');
          }
        }
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("STREAM first_line_ms=" + firstLineMillis + " total_ms=" + totalMillis + " lines=" + lines);
        System.out.println("RESULT status=" + status + " served_by=" + servedBy + " body=" + text);
        return true;
      }
      String body = EntityUtils.toString(response.getEntity());
      System.out.println("RESULT status=" + status + " served_by=" + servedBy + " body=" + body.replace('\n', ' '));
      return true;
    });
  }
}
