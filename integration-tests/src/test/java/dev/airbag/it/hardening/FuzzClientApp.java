package dev.airbag.it.hardening;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One chat call per model named, with a call timeout: prints the status and a digest of the body, or the
 * exception's type, and SLOW when a call outlived the timeout by more than two seconds. Args: chatUrl timeoutMs models...
 */
public final class FuzzClientApp {
  public static void main(String[] args) throws Exception {
    long timeoutMs = Long.parseLong(args[1]);
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(timeoutMs, TimeUnit.MILLISECONDS).build();
    for (int i = 2; i < args.length; i++) {
      String model = args[i];
      String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      Request request = new Request.Builder().url(args[0])
          .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
      long start = System.nanoTime();
      String outcome;
      try (Response response = client.newCall(request).execute()) {
        byte[] body = response.body().bytes();
        outcome = "status=" + response.code() + " bytes=" + body.length + " sha="
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 12);
      } catch (Exception e) {
        outcome = "error=" + e.getClass().getName();
      }
      System.out.println("RESULT " + model + " " + outcome);
      if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(timeoutMs + 2000)) {
        System.out.println("SLOW " + model);
      }
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
