package dev.airbag.agent.instrument.reactornetty;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;

/**
 * Gives a Reactor Netty request to an LLM endpoint Airbag's {@code Mono} in place of the client's own. The adapter is
 * compiled against Reactor Netty, so it is loaded next to whichever copy the client comes from ({@link
 * AdapterPackage}). Thread-safe.
 */
final class ReactorNettyCalls {
  private final LlmTraffic traffic;
  private final ClassValue<UnaryOperator<Object>> hooks;

  ReactorNettyCalls(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.hooks = new AdapterPackage("dev.airbag.agent.instrument.reactornetty.adapter", agentLoader, traffic)
        .perLibraryType("ConnectHook", client -> null);
  }

  /** Airbag's {@code Mono<Connection>} for this client's request, or null for the client's own. */
  Object connect(Object client) {
    try {
      return hooks.get(client.getClass()).apply(client);
    } catch (Throwable t) {
      traffic.internalError("the Reactor Netty hook", t);
      return null;
    }
  }
}
