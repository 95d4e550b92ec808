package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Puts Airbag's interceptor first among a builder's application interceptors, and its read-timeout restorer first
 * among the network interceptors, once. Builders copied with {@code newBuilder()} (openai-java makes one per
 * request) already carry them, so nothing is added twice.
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
    if (!contains(client.interceptors(), AirbagInterceptor.class)) {
      // First, so that the app's own interceptors (auth, logging) run again on every attempt.
      client.interceptors().add(0, interceptor);
    }
    if (!contains(client.networkInterceptors(), ReadTimeoutRestorer.class)) {
      client.networkInterceptors().add(0, restorer);
    }
  }

  private static boolean contains(List<Interceptor> interceptors, Class<?> type) {
    for (Interceptor existing : interceptors) {
      // By name: an interceptor from another adapter loader over the same OkHttp counts too.
      if (existing.getClass().getName().equals(type.getName())) {
        return true;
      }
    }
    return false;
  }
}
