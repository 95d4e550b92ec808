package dev.airbag.it.urlconnection;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes chat completions on HttpURLConnection and, like many apps, never calls {@code disconnect()}: it reads each
 * answer, closes the stream and drops the connection. Then prints {@code RESULT collected=N of M}: how many of those
 * connections the collector could free. Knows nothing of Airbag. Args: url json count
 */
public final class ForgottenConnectionsApp {
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[2]);
    List<WeakReference<HttpURLConnection>> dropped = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(args[1].getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = connection.getInputStream()) {
        in.readAllBytes();
      }
      dropped.add(new WeakReference<>(connection));
    }
    long collected = 0;
    for (int round = 0; round < 50 && collected < count; round++) {
      System.gc();
      Thread.sleep(100);
      collected = dropped.stream().filter(reference -> reference.get() == null).count();
    }
    System.out.println("RESULT collected=" + collected + " of " + count);
  }
}
