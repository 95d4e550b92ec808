package dev.airbag.it.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Builds an OkHttp client, says READY, waits for a go file (the test attaches Airbag meanwhile), builds a second
 * client, and makes one chat call with each. Args: chatUrl goFile
 */
public final class AttachTargetApp {
  public static void main(String[] args) throws Exception {
    OkHttpClient before = new OkHttpClient();
    System.out.println("READY " + ProcessHandle.current().pid());
    Path go = Paths.get(args[1]);
    for (int i = 0; i < 600 && !Files.exists(go); i++) {
      Thread.sleep(100);
    }
    OkHttpClient after = new OkHttpClient.Builder().build();
    call(before, args[0], "m-before");
    call(after, args[0], "m-after");
    System.out.println("INTERCEPTORS before=" + before.interceptors().size() + " after=" + after.interceptors().size());
  }

  private static void call(OkHttpClient client, String url, String model) throws Exception {
    String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
    try (Response response = client.newCall(request).execute()) {
      System.out.println("RESULT " + model + " status=" + response.code());
    }
  }
}
