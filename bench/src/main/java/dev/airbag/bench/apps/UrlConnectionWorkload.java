package dev.airbag.bench.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A chat completion POSTed through {@code HttpURLConnection}, a connection per call, the JDK keeping the socket alive
 * between them: either streamed with a fixed length, as Spring's {@code RestTemplate} on its default factory does, or
 * buffered by the JDK, as many hand-written clients leave it. The two differ on a reused socket: before a streamed
 * POST the JDK waits up to a millisecond to see whether the server closed it, where a buffered one is sent at once.
 */
final class UrlConnectionWorkload implements Workload {
  private static final byte[] BODY = JdkHttpWorkload.BODY.getBytes(StandardCharsets.UTF_8);

  private final URL url;
  private final boolean streamed;

  UrlConnectionWorkload(String llmBaseUrl, boolean streamed) {
    this.streamed = streamed;
    try {
      this.url = new URL(llmBaseUrl + "/v1/chat/completions");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void call() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setRequestProperty("Authorization", "Bearer sk-bench-not-a-real-key");
    if (streamed) {
      connection.setFixedLengthStreamingMode(BODY.length);
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(BODY);
    }
    int status = connection.getResponseCode();
    String body;
    try (InputStream in = connection.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (status != 200 || !body.contains("choices")) {
      throw new IllegalStateException("unexpected answer " + status + " " + body);
    }
  }

  @Override
  public void close() {
    // Nothing pooled of its own: the JDK's keep-alive cache closes idle sockets itself.
  }
}
