package dev.airbag.it.hardening;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Many threads share one OkHttp client for a while, calling models m-ok, m-bad and m-down in turn; prints how many
 * calls of each failed or succeeded, then every live thread. Args: chatUrl threads seconds
 */
public final class ConcurrencyApp {
  private static final String[] MODELS = {"m-ok", "m-ok", "m-bad", "m-down"};

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[1]);
    long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    OkHttpClient client = new OkHttpClient();
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int offset = t;
      workers[t] = new Thread(() -> {
        for (int i = offset; System.nanoTime() < end; i++) {
          String model = MODELS[i % MODELS.length];
          counts.computeIfAbsent(model + (call(client, args[0], model) ? " ok" : " failed"), k -> new AtomicInteger())
              .incrementAndGet();
          pause();
        }
      }, "app-worker-" + t);
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    new TreeMap<>(counts).forEach((key, count) -> System.out.println("COUNT " + key + " " + count));
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      System.out.println("THREAD " + thread.getName() + (thread.isDaemon() ? " daemon" : " user"));
    }
  }

  private static boolean call(OkHttpClient client, String url, String model) {
    String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
      return response.isSuccessful();
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
