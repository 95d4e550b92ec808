package dev.airbag.bootstrap;

/**
 * What inlined advice asks of the agent. Only JDK types cross it, because the advice runs inside classes of
 * any class loader (the app's, OkHttp's, the JDK's) and this interface is the one thing they all see.
 * Implementations must be thread-safe and must never throw.
 */
public interface Bridge {
  /**
   * Called at the start of {@code okhttp3.OkHttpClient(Builder)}: Airbag adds its application interceptor
   * to the builder, once.
   */
  void okHttpClientBuilding(Object okHttpClientBuilder);
}
