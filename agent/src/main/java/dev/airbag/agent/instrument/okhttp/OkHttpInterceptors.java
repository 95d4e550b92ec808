package dev.airbag.agent.instrument.okhttp;

import dev.airbag.agent.instrument.AdapterClassLoader;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Adds Airbag's interceptor to OkHttp client builders. The interceptor is compiled against OkHttp, so it is
 * loaded next to whichever OkHttp the builder comes from (one adapter loader per OkHttp copy, cached per builder
 * class so that an unloaded app takes its adapter with it). Thread-safe.
 */
public final class OkHttpInterceptors {
  private static final String ADAPTER_PACKAGE = "dev.airbag.agent.instrument.okhttp.adapter.";
  private static final String INSTALLER = ADAPTER_PACKAGE + "InterceptorInstaller";
  private static final String PRE_ATTACH_CALLS = ADAPTER_PACKAGE + "PreAttachCalls";

  private final LlmTraffic traffic;
  private final ClassValue<Consumer<Object>> installers;
  private final ClassValue<BiFunction<Object, Object, Object>> preAttachCalls;

  public OkHttpInterceptors(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.installers = new ClassValue<Consumer<Object>>() {
      @Override
      protected Consumer<Object> computeValue(Class<?> builderClass) {
        return createInstaller(builderClass.getClassLoader(), agentLoader);
      }
    };
    this.preAttachCalls = new ClassValue<BiFunction<Object, Object, Object>>() {
      @Override
      @SuppressWarnings("unchecked")
      protected BiFunction<Object, Object, Object> computeValue(Class<?> clientClass) {
        try {
          ClassLoader adapters = new AdapterClassLoader(clientClass.getClassLoader(), agentLoader, ADAPTER_PACKAGE);
          return (BiFunction<Object, Object, Object>) Class.forName(PRE_ATTACH_CALLS, true, adapters)
              .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
          traffic.internalError("loading the OkHttp adapter", e);
          return (client, request) -> null;
        }
      }
    };
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
