package dev.airbag.it.h2;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Builds an OkHttp client, says READY, waits for a go file (the test attaches Airbag meanwhile), then makes one chat
 * call with that client and one with a java.net.http client built after, both over h2, printing
 * {@code RESULT okhttp|send ...} as {@link H2CallApp} does. Knows nothing of Airbag. Args: chatUrl goFile
 */
public final class H2AttachApp {
  public static void main(String[] args) throws Exception {
    OkHttpClient before = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS)
        .callTimeout(20, TimeUnit.SECONDS).build();
    System.out.println("READY " + ProcessHandle.current().pid());
    Path go = Paths.get(args[1]);
    for (int i = 0; i < 600 && !Files.exists(go); i++) {
      Thread.sleep(100);
    }
    HttpClient after = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    System.out.println("RESULT okhttp " + H2CallApp.chat(before, args[0]));
    System.out.println("RESULT send " + H2CallApp.chat(after, false, args[0], 20_000));
    System.exit(0);
  }
}
