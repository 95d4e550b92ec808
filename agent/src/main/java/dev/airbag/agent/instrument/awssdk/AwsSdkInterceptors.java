package dev.airbag.agent.instrument.awssdk;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;

/**
 * Adds Airbag's execution interceptor to the AWS SDK's global interceptors. The interceptor is compiled against
 * the SDK's core, so it is loaded next to whichever copy the factory comes from ({@link AdapterPackage}).
 * Thread-safe.
 */
final class AwsSdkInterceptors {
  private final LlmTraffic traffic;
  private final ClassValue<UnaryOperator<Object>> adders;

  AwsSdkInterceptors(LlmTraffic traffic, AdapterPackage adapters) {
    this.traffic = traffic;
    this.adders = adapters.perLibraryType("InterceptorAdder", interceptors -> null);
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
}
