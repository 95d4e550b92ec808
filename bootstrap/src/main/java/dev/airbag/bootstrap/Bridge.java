package dev.airbag.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * What inlined advice asks of the agent. Only {@code java.base} types cross it, because the advice runs inside
 * classes of any class loader (the app's, OkHttp's, the JDK's platform loader for {@code java.net.http}) and this
 * interface, on the boot loader, can name nothing else. Implementations must be thread-safe and must never throw.
 */
public interface Bridge {
  /**
   * Called at the start of {@code okhttp3.OkHttpClient(Builder)}: Airbag adds its application interceptor
   * to the builder, once.
   */
  void okHttpClientBuilding(Object okHttpClientBuilder);

  /**
   * After a dynamic attach, called at the start of {@code OkHttpClient.newCall(request)}: the call to use instead
   * (made by a copy of a client built before the attach, which lacks the interceptor), or null for the original.
   */
  Object okHttpNewCall(Object client, Object request);

  /**
   * Called instead of {@code HttpClient.send(request, handler)}: the result to hand the app (a response or the
   * failure to throw), or null to let the original method run untouched.
   */
  HookResult jdkHttpSend(Object client, Object request, Object bodyHandler);

  /**
   * Called instead of {@code HttpClient.sendAsync(request, handler, pushPromiseHandler)}: the future to hand the
   * app, or null to let the original method run untouched.
   */
  CompletableFuture<?> jdkHttpSendAsync(Object client, Object request, Object bodyHandler, Object pushPromiseHandler);

  /** A thread is about to die of {@code error}; its own handler runs right after, as without Airbag. */
  void uncaughtException(Thread thread, Throwable error);

  /** {@code HttpServlet.service} is about to throw {@code error} for {@code request}; the container answers 500. */
  void servletFailed(Object request, Throwable error);

  /** A task of an executor failed: its {@code FutureTask} now holds {@code error}. */
  void futureFailed(Object future, Throwable error);

  /** The app read a {@code FutureTask}'s outcome: its failure, if any, was not swallowed. */
  void futureRead(Object future);

  /** A hook above threw: the app went on as without Airbag; the agent says so, once. */
  void hookFailed(String hook, Throwable error);
}
