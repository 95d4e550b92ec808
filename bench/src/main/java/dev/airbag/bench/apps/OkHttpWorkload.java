package dev.airbag.bench.apps;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A plain OkHttp GET to a host that is no LLM endpoint: what the agent costs every other HTTP call of the app
 * (its interceptor is on every OkHttp client and must step aside after one lookup).
 */
final class OkHttpWorkload implements Workload {
  private final OkHttpClient client = new OkHttpClient();
  private final Request request;

  OkHttpWorkload(String otherBaseUrl) {
    request = new Request.Builder().url(otherBaseUrl + "/health").build();
  }

  @Override
  public void call() throws IOException {
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200 || response.body().string().isEmpty()) {
        throw new IllegalStateException("unexpected answer " + response);
      }
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
