package dev.airbag.agent.instrument.apache4;

import dev.airbag.agent.instrument.AdapterClassLoader;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;

/**
 * Wraps an Apache HttpClient 4.5 protocol stage in Airbag's. The stage is compiled against HttpClient 4.5, so it
 * is loaded next to whichever copy the builder comes from (one adapter loader per copy, cached per builder class).
 * Thread-safe.
 */
final class ApacheClient4Chains {
  private static final String ADAPTER_PACKAGE = "dev.airbag.agent.instrument.apache4.adapter.";
  private static final String WRAPPER = ADAPTER_PACKAGE + "StageWrapper";

  private final LlmTraffic traffic;
  private final ClassValue<UnaryOperator<Object>> wrappers;

  ApacheClient4Chains(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.wrappers = new ClassValue<UnaryOperator<Object>>() {
      @Override
      protected UnaryOperator<Object> computeValue(Class<?> builderClass) {
        return createWrapper(builderClass.getClassLoader(), agentLoader);
      }
    };
  }

  /** Airbag's stage around {@code stage}, or null to leave the client as it is. */
  Object wrap(Object builder, Object stage) {
    try {
      return stage == null ? null : wrappers.get(builder.getClass()).apply(stage);
    } catch (Throwable t) {
      traffic.internalError("the Apache HttpClient 4 hook", t);
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private UnaryOperator<Object> createWrapper(ClassLoader clientLoader, ClassLoader agentLoader) {
    try {
      ClassLoader adapters = new AdapterClassLoader(clientLoader, agentLoader, ADAPTER_PACKAGE);
      return (UnaryOperator<Object>) Class.forName(WRAPPER, true, adapters).getConstructor(LlmTraffic.class)
          .newInstance(traffic);
    } catch (ReflectiveOperationException | LinkageError e) {
      traffic.internalError("loading the Apache HttpClient 4 adapter", e);
      return stage -> null;
    }
  }
}
