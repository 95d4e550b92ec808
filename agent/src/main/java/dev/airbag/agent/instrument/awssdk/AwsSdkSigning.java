package dev.airbag.agent.instrument.awssdk;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.BinaryOperator;

/**
 * The AWS SDK's signing of each attempt: the request to sign instead, for an attempt that goes to a fallback model
 * ({@code adapter.FallbackBeforeSigning}, compiled against the SDK's core and loaded next to its copy). Thread-safe.
 */
final class AwsSdkSigning {
  private final LlmTraffic traffic;
  private final ClassValue<BinaryOperator<Object>> rewriters;

  AwsSdkSigning(LlmTraffic traffic, AdapterPackage adapters) {
    this.traffic = traffic;
    this.rewriters = adapters.perLibraryType("FallbackBeforeSigning", (request, context) -> null);
  }

  /** The request {@code stage} should sign instead of {@code request}, or null to sign it as it is. */
  Object instead(Object stage, Object request, Object context) {
    try {
      return request == null || context == null ? null : rewriters.get(stage.getClass()).apply(request, context);
    } catch (Throwable t) {
      traffic.internalError("the AWS SDK signing hook", t);
      return null;
    }
  }
}
