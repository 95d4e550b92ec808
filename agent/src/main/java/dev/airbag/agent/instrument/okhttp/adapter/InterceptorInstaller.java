package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.Resends;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Puts Airbag's interceptor first among a builder's application interceptors, or right after a client's own retry
 * interceptor when it has one (google-genai's), and its read-timeout restorer first among the network
 * interceptors, once. Builders copied with {@code newBuilder()} (openai-java makes one per request) already carry
 * them, so nothing is added twice.
 */
public final class InterceptorInstaller implements Consumer<Object> {
  private final AirbagInterceptor interceptor;
  private final ReadTimeoutRestorer restorer = new ReadTimeoutRestorer();

  public InterceptorInstaller(LlmTraffic traffic) {
    this.interceptor = new AirbagInterceptor(traffic);
  }

  @Override
  public void accept(Object builder) {
    OkHttpClient.Builder client = (OkHttpClient.Builder) builder;
    List<Interceptor> interceptors = client.interceptors();
    int retryLoop = lastRetryLoop(interceptors);
    int ours = indexOf(interceptors, AirbagInterceptor.class);
    // Missing, or outside a retry loop added since (google-genai adds its own to the app's client's copy).
    if (ours < 0 || ours < retryLoop) {
      Interceptor airbag = ours < 0 ? interceptor : interceptors.remove(ours);
      // Right after the retry loop, so that its re-sends of a call Airbag exhausted are answered from memory instead
      // of each becoming Airbag's attempts (google-genai: 5 x 3 requests); else first, so that the app's own
      // interceptors (auth, logging) run again on every attempt.
      interceptors.add(ours >= 0 ? retryLoop : retryLoop + 1, airbag);
    }
    if (indexOf(client.networkInterceptors(), ReadTimeoutRestorer.class) < 0) {
      client.networkInterceptors().add(0, restorer);
    }
  }

  private static int lastRetryLoop(List<Interceptor> interceptors) {
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      if (Resends.isRetryLoop(interceptors.get(i).getClass().getName())) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(List<Interceptor> interceptors, Class<?> type) {
    for (int i = 0; i < interceptors.size(); i++) {
      // By name: an interceptor from another adapter loader over the same OkHttp counts too.
      if (interceptors.get(i).getClass().getName().equals(type.getName())) {
        return i;
      }
    }
    return -1;
  }
}
