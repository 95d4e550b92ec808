package dev.airbag.agent.instrument.okhttp;

import dev.airbag.agent.instrument.AdapterClassLoader;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.Consumer;

/**
 * Adds Airbag's interceptor to OkHttp client builders. The interceptor is compiled against OkHttp, so it is
 * loaded next to whichever OkHttp the builder comes from (one adapter loader per OkHttp copy, cached per builder
 * class so that an unloaded app takes its adapter with it). Thread-safe.
 */
public final class OkHttpInterceptors {
  private static final String ADAPTER_PACKAGE = "dev.airbag.agent.instrument.okhttp.adapter.";
  private static final String INSTALLER = ADAPTER_PACKAGE + "InterceptorInstaller";

  private final LlmTraffic traffic;
  private final ClassValue<Consumer<Object>> installers;

  public OkHttpInterceptors(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.installers = new ClassValue<Consumer<Object>>() {
      @Override
      protected Consumer<Object> computeValue(Class<?> builderClass) {
        return createInstaller(builderClass.getClassLoader(), agentLoader);
      }
    };
  }

  /** Adds the interceptor to an {@code OkHttpClient.Builder} unless it already has it. */
  public void addTo(Object builder) {
    try {
      installers.get(builder.getClass()).accept(builder);
    } catch (Throwable t) {
      traffic.internalError("the OkHttp hook", t);
    }
  }

  @SuppressWarnings("unchecked")
  private Consumer<Object> createInstaller(ClassLoader okHttpLoader, ClassLoader agentLoader) {
    try {
      ClassLoader adapters = new AdapterClassLoader(okHttpLoader, agentLoader, ADAPTER_PACKAGE);
      Class<?> installer = Class.forName(INSTALLER, true, adapters);
      return (Consumer<Object>) installer.getConstructor(LlmTraffic.class).newInstance(traffic);
    } catch (ReflectiveOperationException | LinkageError e) {
      traffic.internalError("loading the OkHttp adapter", e);
      return builder -> { };
    }
  }
}
