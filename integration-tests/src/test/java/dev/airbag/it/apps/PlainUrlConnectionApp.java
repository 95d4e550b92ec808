package dev.airbag.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A hand-written HttpURLConnection client, as RestTemplate's default factory and older SDKs use it: POSTs a JSON
 * body (or GETs), reads the answer whole, line by line as a stream, or from the error stream, and prints one RESULT
 * line per call and a SUMMARY; {@code post-then-disconnect} also prints an AFTER line read once disconnected. Args:
 * url json mode(post|post-fixed|post-chunked|post-authenticator|post-then-disconnect|stream|get) count [trust-store]
 * ({@code post} leaves the body to the JDK's buffer, {@code post-fixed} and {@code post-chunked} stream it,
 * {@code post-authenticator} sends no credentials of its own and gives the connection an {@code Authenticator} that
 * answers a server's challenge with user {@code llm-user}): with a PKCS12 trust
 * store (password
 * {@code airbag-it}), each https connection gets its own socket factory that trusts it, as an app with a private CA
 * does.
 */
public final class PlainUrlConnectionApp {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    SSLSocketFactory trusting = args.length > 4 ? trusting(args[4]) : null;
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        ok += call(url, json, mode, trusting) ? 1 : 0;
      } catch (IOException e) {
        System.out.println("RESULT error type=" + e.getClass().getSimpleName());
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static SSLSocketFactory trusting(String trustStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Paths.get(trustStore))) {
      store.load(in, "airbag-it".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static boolean call(String url, String json, String mode, SSLSocketFactory trusting) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    if (trusting != null) {
      ((HttpsURLConnection) connection).setSSLSocketFactory(trusting);
    }
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    if (!mode.equals("get")) {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      if (mode.equals("post-authenticator")) {
        connection.setAuthenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication("llm-user", "llm-secret".toCharArray());
          }
        });
      } else {
        connection.setRequestProperty("Authorization", "Bearer sk-test-urlconnection");
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      if (mode.equals("post-fixed")) {
        connection.setFixedLengthStreamingMode(body.length);
      } else if (mode.equals("post-chunked")) {
        connection.setChunkedStreamingMode(16);
      }
      if (mode.equals("stream")) {
        connection.setRequestProperty("Accept", "text/event-stream");
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
    }
    long start = System.nanoTime();
    int status = connection.getResponseCode();
    String served = connection.getHeaderField("x-airbag-served-model");
    if (status >= 400) {
      InputStream error = connection.getErrorStream();
      String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
      System.out.println("RESULT status=" + status + " message=" + connection.getResponseMessage()
          + " type=" + connection.getContentType() + " error=" + body.replace('\n', ' '));
      return false;
    }
    if (mode.equals("stream")) {
      long firstLineMillis = -1;
      int lines = 0;
      StringBuilder text = new StringBuilder();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
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
      System.out.println("RESULT status=" + status + " served_by=" + (served == null ? "-" : served) + " body=" + text);
      return true;
    }
    String body;
    try (InputStream in = connection.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    System.out.println("RESULT status=" + status + " served_by=" + (served == null ? "-" : served)
        + " body=" + body.replace('\n', ' '));
    if (mode.equals("post-then-disconnect")) {
      // As a finally block that logs the answer after closing does: the JDK answers from what it read.
      connection.disconnect();
      System.out.println("AFTER status=" + connection.getResponseCode() + " type=" + connection.getContentType()
          + " length=" + connection.getContentLengthLong() + " line=" + connection.getHeaderField(0));
    }
    return true;
  }
}
