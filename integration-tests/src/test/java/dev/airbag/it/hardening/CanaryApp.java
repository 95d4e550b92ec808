package dev.airbag.it.hardening;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a secret in every header a provider reads and in a key= query, through OkHttp and java.net.http, lets a
 * thread die with the secret in its message, then scrapes the agent's /metrics and /health (if a port is given)
 * and checks whether that port answers on a non-loopback address. Args: baseUrl secret [scrapePort]
 */
public final class CanaryApp {
  public static void main(String[] args) throws Exception {
    String secret = args[1];
    OkHttpClient ok = new OkHttpClient();
    HttpClient jdk = HttpClient.newHttpClient();
    for (String model : new String[] {"m-auth", "m-busy"}) {
      String url = args[0] + "/v1/chat/completions?key=" + secret;
      String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + secret)
          .header("x-api-key", secret).header("api-key", secret).header("x-goog-api-key", secret)
          .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
      try (Response response = ok.newCall(request).execute()) {
        System.out.println("okhttp " + model + " " + response.code());
      }
      HttpRequest jdkRequest = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + secret)
          .header("x-api-key", secret).header("api-key", secret).header("x-goog-api-key", secret)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
      System.out.println("jdk " + model + " " + jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    Thread dying = new Thread(() -> {
      throw new IllegalStateException("provider refused api key " + secret);
    }, "canary-thread");
    dying.start();
    dying.join();
    if (args.length > 2) {
      Thread.sleep(300);
      int port = Integer.parseInt(args[2]);
      for (String path : new String[] {"/metrics", "/health"}) {
        HttpResponse<String> scrape = jdk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("SCRAPE " + path + " " + scrape.statusCode() + "\n" + scrape.body() + "\nSCRAPE-END");
      }
      System.out.println("NON-LOOPBACK " + nonLoopback(port));
    }
    ok.dispatcher().executorService().shutdown();
  }

  private static String nonLoopback(int port) throws IOException {
    for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(face.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return "answered on " + address.getHostAddress();
          } catch (IOException refused) {
            return "refused on " + address.getHostAddress();
          }
        }
      }
    }
    return "no non-loopback address";
  }
}
