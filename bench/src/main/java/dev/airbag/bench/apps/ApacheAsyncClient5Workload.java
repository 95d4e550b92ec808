package dev.airbag.bench.apps;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;

/** A chat completion POSTed through Apache HttpClient 5's async API, one started client for the run; awaited. */
final class ApacheAsyncClient5Workload implements Workload {
  private final CloseableHttpAsyncClient client = HttpAsyncClients.createDefault();
  private final String url;

  ApacheAsyncClient5Workload(String llmBaseUrl) {
    this.url = llmBaseUrl + "/v1/chat/completions";
    client.start();
  }

  @Override
  public void call() throws Exception {
    SimpleHttpRequest post = SimpleRequestBuilder.post(url)
        .setHeader("Authorization", "Bearer sk-bench-not-a-real-key")
        .setBody(JdkHttpWorkload.BODY, ContentType.APPLICATION_JSON).build();
    SimpleHttpResponse response = client.execute(post, null).get(30, TimeUnit.SECONDS);
    if (response.getCode() != 200 || !response.getBodyText().contains("choices")) {
      throw new IllegalStateException("unexpected answer " + response.getCode() + " " + response.getBodyText());
    }
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
