package dev.airbag.agent.instrument.apache4;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;

/**
 * Wraps an Apache HttpClient 4.5 protocol stage in Airbag's. The stage is compiled against HttpClient 4.5, so it
 * is loaded next to whichever copy the builder comes from ({@link AdapterPackage}). Thread-safe.
 */
final class ApacheClient4Chains {
  private final LlmTraffic traffic;
  private final ClassValue<UnaryOperator<Object>> wrappers;

  ApacheClient4Chains(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.wrappers = new AdapterPackage("dev.airbag.agent.instrument.apache4.adapter", agentLoader, traffic)
        .perLibraryType("StageWrapper", stage -> null);
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
}
