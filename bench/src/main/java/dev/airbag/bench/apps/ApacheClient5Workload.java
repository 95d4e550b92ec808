package dev.airbag.bench.apps;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/** A chat completion POSTed through Apache HttpClient 5's classic API, one pooled client for the run. */
final class ApacheClient5Workload implements Workload {
  private final CloseableHttpClient client = HttpClients.createDefault();
  private final String url;

  ApacheClient5Workload(String llmBaseUrl) {
    this.url = llmBaseUrl + "/v1/chat/completions";
  }

  @Override
  public void call() throws IOException {
    HttpPost post = new HttpPost(url);
    post.setHeader("Authorization", "Bearer sk-bench-not-a-real-key");
    post.setEntity(new StringEntity(JdkHttpWorkload.BODY, ContentType.APPLICATION_JSON));
    String body = client.execute(post, response -> {
      if (response.getCode() != 200) {
        throw new IllegalStateException("unexpected answer " + response.getCode());
      }
      return EntityUtils.toString(response.getEntity());
    });
    if (!body.contains("choices")) {
      throw new IllegalStateException("unexpected answer " + body);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // The run is over.
    }
  }
}
