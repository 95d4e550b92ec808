package dev.airbag.agent.instrument.okhttp.adapter;

import java.util.function.BiFunction;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Makes the calls of an OkHttp client built before a dynamic attach through a copy that carries Airbag's
 * interceptor; returns null (the client's own call) for clients that already carry it, or when the copy does not.
 */
public final class PreAttachCalls implements BiFunction<Object, Object, Object> {
  @Override
  public Object apply(Object client, Object request) {
    OkHttpClient original = (OkHttpClient) client;
    if (carriesAirbag(original)) {
      return null;
    }
    OkHttpClient covered = original.newBuilder().build();
    // Only a copy that really carries the interceptor is used, so this can never loop.
    return carriesAirbag(covered) ? covered.newCall((Request) request) : null;
  }

  private static boolean carriesAirbag(OkHttpClient client) {
    for (Interceptor interceptor : client.interceptors()) {
      // By name: the builder hook's interceptor may come from another adapter loader over the same OkHttp.
      if (interceptor.getClass().getName().equals(AirbagInterceptor.class.getName())) {
        return true;
      }
    }
    return false;
  }
}
