package dev.airbag.agent.instrument.okhttp;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Adds Airbag's interceptor to OkHttp client builders. The interceptor is compiled against OkHttp, so it is
 * loaded next to whichever OkHttp the builder comes from ({@link AdapterPackage}). Thread-safe.
 */
public final class OkHttpInterceptors {
  private final LlmTraffic traffic;
  private final ClassValue<Consumer<Object>> installers;
  private final ClassValue<BiFunction<Object, Object, Object>> preAttachCalls;

  public OkHttpInterceptors(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    AdapterPackage adapters =
        new AdapterPackage("dev.airbag.agent.instrument.okhttp.adapter", agentLoader, traffic);
    this.installers = adapters.perLibraryType("InterceptorInstaller", builder -> { });
    this.preAttachCalls = adapters.perLibraryType("PreAttachCalls", (client, request) -> null);
  }

  /** The call a client built before a dynamic attach should make instead, or null for its own. */
  public Object newCall(Object client, Object request) {
    try {
      return preAttachCalls.get(client.getClass()).apply(client, request);
    } catch (Throwable t) {
      traffic.internalError("the OkHttp newCall hook", t);
      return null;
    }
  }

  /** Adds the interceptor to an {@code OkHttpClient.Builder} unless it already has it. */
  public void addTo(Object builder) {
    try {
      installers.get(builder.getClass()).accept(builder);
    } catch (Throwable t) {
      traffic.internalError("the OkHttp hook", t);
    }
  }
}
