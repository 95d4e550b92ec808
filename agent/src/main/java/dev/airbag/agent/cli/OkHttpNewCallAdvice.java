package dev.airbag.agent.cli;

import dev.airbag.bootstrap.BridgeHolder;
import dev.airbag.bootstrap.ReentrancyGuard;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Inlined into {@code OkHttpClient.newCall(Request)} after a dynamic attach. A client built before the attach
 * lacks Airbag's interceptor and its interceptor list is immutable, so its calls are made by a copy
 * ({@code newBuilder().build()}, which shares the pool, dispatcher and every setting, and whose construction
 * the client hook gives the interceptor). Clients that already carry the interceptor pass straight through.
 * Inlined code may name only OkHttp's and the bootstrap's types; any failure lets the original method run.
 */
public final class OkHttpNewCallAdvice {
  // A compile-time constant, so javac inlines it: the advice class itself is invisible from OkHttp's loader.
  private static final String AIRBAG_INTERCEPTOR = "dev.airbag.agent.instrument.okhttp.adapter.AirbagInterceptor";

  private OkHttpNewCallAdvice() {}

  /** The call the copy made, which replaces the original method; null lets the original run. */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static Call enter(@Advice.This OkHttpClient client, @Advice.Argument(0) Request request) {
    if (BridgeHolder.get() == null || ReentrancyGuard.isActive()) {
      return null;
    }
    for (Interceptor interceptor : client.interceptors()) {
      if (interceptor.getClass().getName().equals(AIRBAG_INTERCEPTOR)) {
        return null;
      }
    }
    OkHttpClient covered = client.newBuilder().build();
    for (Interceptor interceptor : covered.interceptors()) {
      // Only a copy that really carries the interceptor is used; otherwise the app's own call is made.
      if (interceptor.getClass().getName().equals(AIRBAG_INTERCEPTOR)) {
        return covered.newCall(request);
      }
    }
    return null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Enter Call replacement, @Advice.Return(readOnly = false) Call call) {
    if (replacement != null) {
      call = replacement;
    }
  }
}
