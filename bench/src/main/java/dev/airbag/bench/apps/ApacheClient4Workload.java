package dev.airbag.bench.apps;

import java.io.IOException;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** A chat completion POSTed through Apache HttpClient 4.5, one pooled client for the run. */
final class ApacheClient4Workload implements Workload {
  private final CloseableHttpClient client = HttpClients.createDefault();
  private final String url;

  ApacheClient4Workload(String llmBaseUrl) {
    this.url = llmBaseUrl + "/v1/chat/completions";
  }

  @Override
  public void call() throws IOException {
    HttpPost post = new HttpPost(url);
    post.setHeader("Authorization", "Bearer sk-bench-not-a-real-key");
    post.setEntity(new StringEntity(JdkHttpWorkload.BODY, ContentType.APPLICATION_JSON));
    String body = client.execute(post, response -> {
      if (response.getStatusLine().getStatusCode() != 200) {
        throw new IllegalStateException("unexpected answer " + response.getStatusLine());
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
