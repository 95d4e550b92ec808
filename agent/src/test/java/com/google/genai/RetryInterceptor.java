package com.google.genai;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Stands in for google-genai's retry interceptor, which Airbag knows by its class name only. */
public final class RetryInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request());
  }
}
