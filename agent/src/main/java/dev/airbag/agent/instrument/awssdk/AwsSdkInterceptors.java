package dev.airbag.agent.instrument.awssdk;

import dev.airbag.agent.instrument.AdapterClassLoader;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;

/**
 * Adds Airbag's execution interceptor to the AWS SDK's global interceptors. The interceptor is compiled against
 * the SDK's core, so it is loaded next to whichever copy the factory comes from (one adapter loader per copy).
 * Thread-safe.
 */
final class AwsSdkInterceptors {
  private static final String ADAPTER_PACKAGE = "dev.airbag.agent.instrument.awssdk.adapter.";
  private static final String ADDER = ADAPTER_PACKAGE + "InterceptorAdder";

  private final LlmTraffic traffic;
  private final ClassValue<UnaryOperator<Object>> adders;

  AwsSdkInterceptors(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.adders = new ClassValue<UnaryOperator<Object>>() {
      @Override
      protected UnaryOperator<Object> computeValue(Class<?> factoryClass) {
        return createAdder(factoryClass.getClassLoader(), agentLoader);
      }
    };
  }

  /** The SDK's global interceptors with Airbag's added, or null to leave them as they are. */
  Object withAirbags(Object factory, Object interceptors) {
    try {
      return interceptors == null ? null : adders.get(factory.getClass()).apply(interceptors);
    } catch (Throwable t) {
      traffic.internalError("the AWS SDK hook", t);
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private UnaryOperator<Object> createAdder(ClassLoader sdkLoader, ClassLoader agentLoader) {
    try {
      ClassLoader adapters = new AdapterClassLoader(sdkLoader, agentLoader, ADAPTER_PACKAGE);
      return (UnaryOperator<Object>) Class.forName(ADDER, true, adapters).getConstructor(LlmTraffic.class)
          .newInstance(traffic);
    } catch (ReflectiveOperationException | LinkageError e) {
      traffic.internalError("loading the AWS SDK adapter", e);
      return interceptors -> null;
    }
  }
}
