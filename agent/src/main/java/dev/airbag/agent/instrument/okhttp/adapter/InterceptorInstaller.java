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
  /**
   * What each interceptor class is to the installer, worked out once per class: openai-java builds a client per
   * request, and matching every interceptor's name against the retry loops and ours each time was a cost per call.
   */
  private static final ClassValue<Role> ROLES = new ClassValue<Role>() {
    @Override
    protected Role computeValue(Class<?> type) {
      String name = type.getName();
      // By name: an interceptor from another adapter loader over the same OkHttp counts too.
      if (name.equals(AirbagInterceptor.class.getName())) {
        return Role.AIRBAG;
      }
      if (name.equals(ReadTimeoutRestorer.class.getName())) {
        return Role.RESTORER;
      }
      return Resends.isRetryLoop(name) ? Role.RETRY_LOOP : Role.OTHER;
    }
  };

  private enum Role { AIRBAG, RESTORER, RETRY_LOOP, OTHER }

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
    int ours = indexOf(interceptors, Role.AIRBAG);
    // Missing, or outside a retry loop added since (google-genai adds its own to the app's client's copy).
    if (ours < 0 || ours < retryLoop) {
      Interceptor airbag = ours < 0 ? interceptor : interceptors.remove(ours);
      // Right after the retry loop, so that its re-sends of a call Airbag exhausted are answered from memory instead
      // of each becoming Airbag's attempts (google-genai: 5 x 3 requests); else first, so that the app's own
      // interceptors (auth, logging) run again on every attempt.
      interceptors.add(ours >= 0 ? retryLoop : retryLoop + 1, airbag);
    }
    if (indexOf(client.networkInterceptors(), Role.RESTORER) < 0) {
      client.networkInterceptors().add(0, restorer);
    }
  }

  private static int lastRetryLoop(List<Interceptor> interceptors) {
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      if (ROLES.get(interceptors.get(i).getClass()) == Role.RETRY_LOOP) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(List<Interceptor> interceptors, Role role) {
    for (int i = 0; i < interceptors.size(); i++) {
      if (ROLES.get(interceptors.get(i).getClass()) == role) {
        return i;
      }
    }
    return -1;
  }
}
