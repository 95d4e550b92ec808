package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Puts Airbag's interceptor first among a builder's application interceptors, once. Builders copied with
 * {@code newBuilder()} (openai-java makes one per request) already carry it, so nothing is added twice.
 */
public final class InterceptorInstaller implements Consumer<Object> {
  private final AirbagInterceptor interceptor;

  public InterceptorInstaller(LlmTraffic traffic) {
    this.interceptor = new AirbagInterceptor(traffic);
  }

  @Override
  public void accept(Object builder) {
    List<Interceptor> interceptors = ((OkHttpClient.Builder) builder).interceptors();
    for (Interceptor existing : interceptors) {
      // By name: an interceptor from another adapter loader over the same OkHttp counts too.
      if (existing.getClass().getName().equals(AirbagInterceptor.class.getName())) {
        return;
      }
    }
    // First, so that the app's own interceptors (auth, logging) run again on every attempt.
    interceptors.add(0, interceptor);
  }
}
