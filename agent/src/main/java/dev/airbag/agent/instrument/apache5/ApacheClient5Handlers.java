package dev.airbag.agent.instrument.apache5;

import dev.airbag.agent.instrument.AdapterClassLoader;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.Consumer;

/**
 * Adds Airbag's exec chain handler to Apache HttpClient 5 builders. The handler is compiled against HttpClient 5,
 * so it is loaded next to whichever copy the builder comes from (one adapter loader per copy, cached per builder
 * class so that an unloaded app takes its adapter with it). Thread-safe.
 */
final class ApacheClient5Handlers {
  private static final String ADAPTER_PACKAGE = "dev.airbag.agent.instrument.apache5.adapter.";
  private static final String INSTALLER = ADAPTER_PACKAGE + "HandlerInstaller";

  private final LlmTraffic traffic;
  private final ClassValue<Consumer<Object>> installers;

  ApacheClient5Handlers(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.installers = new ClassValue<Consumer<Object>>() {
      @Override
      protected Consumer<Object> computeValue(Class<?> builderClass) {
        return createInstaller(builderClass.getClassLoader(), agentLoader);
      }
    };
  }

  /** Adds the handler to an {@code HttpClientBuilder} about to build, unless it has it already. */
  void addTo(Object builder) {
    try {
      installers.get(builder.getClass()).accept(builder);
    } catch (Throwable t) {
      traffic.internalError("the Apache HttpClient 5 hook", t);
    }
  }

  @SuppressWarnings("unchecked")
  private Consumer<Object> createInstaller(ClassLoader clientLoader, ClassLoader agentLoader) {
    try {
      ClassLoader adapters = new AdapterClassLoader(clientLoader, agentLoader, ADAPTER_PACKAGE);
      return (Consumer<Object>) Class.forName(INSTALLER, true, adapters).getConstructor(LlmTraffic.class)
          .newInstance(traffic);
    } catch (ReflectiveOperationException | LinkageError e) {
      traffic.internalError("loading the Apache HttpClient 5 adapter", e);
      return builder -> { };
    }
  }
}
