package dev.airbag.agent.instrument.okhttp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.genai.RetryInterceptor;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class InterceptorInstallerTest {
  private final InterceptorInstaller installer = new InterceptorInstaller(null);
  private final Interceptor auth = chain -> chain.proceed(chain.request());

  @Test
  void airbagGoesFirstSoThatTheAppsInterceptorsRunOnEveryAttempt() {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(auth);

    installer.accept(builder);

    assertEquals(List.of("AirbagInterceptor", "auth"), names(builder));
  }

  @Test
  void airbagGoesRightAfterAClientsOwnRetryLoopSoThatItsReSendsDoNotMultiplyAirbagsAttempts() {
    // google-genai's chain: its RetryInterceptor, then its re-authorising interceptor.
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(new RetryInterceptor()).addInterceptor(auth);

    installer.accept(builder);

    assertEquals(List.of("RetryInterceptor", "AirbagInterceptor", "auth"), names(builder));
  }

  @Test
  void aRetryLoopAddedToACopyOfAnInstrumentedClientMovesAirbagInsideIt() {
    OkHttpClient.Builder appClient = new OkHttpClient.Builder();
    installer.accept(appClient);
    // google-genai given the app's client: newBuilder() carries Airbag, then its own retry interceptor is added.
    OkHttpClient.Builder copy = appClient.build().newBuilder().addInterceptor(new RetryInterceptor()).addInterceptor(auth);

    installer.accept(copy);

    assertEquals(List.of("RetryInterceptor", "AirbagInterceptor", "auth"), names(copy));
  }

  @Test
  void aCopiedBuilderGetsNothingTwice() {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(new RetryInterceptor());
    installer.accept(builder);
    OkHttpClient.Builder copy = builder.build().newBuilder();

    installer.accept(copy);

    assertEquals(List.of("RetryInterceptor", "AirbagInterceptor"), names(copy));
    assertEquals(1, copy.networkInterceptors().size());
  }

  private List<String> names(OkHttpClient.Builder builder) {
    return builder.interceptors().stream()
        .map(interceptor -> interceptor == auth ? "auth" : interceptor.getClass().getSimpleName())
        .collect(Collectors.toList());
  }
}
