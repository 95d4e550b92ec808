package dev.airbag.it.hardening;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Makes one failing call whose model name carries ESC and NUL, then reads the scrape endpoint as a browser page
 * after a DNS rebinding would (Host: a foreign name) and as Prometheus does (Host: 127.0.0.1), printing each raw
 * answer. Args: chatUrl scrapePort
 */
public final class ScrapeProbeApp {
  public static void main(String[] args) throws Exception {
    String json = "{\"model\":\"m-\\u001b[31mred\\u0000\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder().url(args[0])
        .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
    OkHttpClient client = new OkHttpClient();
    try (Response response = client.newCall(request).execute()) {
      System.out.println("call " + response.code());
    }
    Thread.sleep(300);
    int port = Integer.parseInt(args[1]);
    System.out.println("REBOUND " + get(port, "/health", "rebind.attacker.example:" + port));
    System.out.println("LOCAL " + get(port, "/metrics", "127.0.0.1:" + port));
    client.dispatcher().executorService().shutdown();
  }

  private static String get(int port, String path, String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
