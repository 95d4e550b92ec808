package dev.airbag.agent.instrument.apache5async;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.Consumer;

/**
 * Adds Airbag's async exec chain handler to Apache HttpClient 5 async builders. The handler is compiled against
 * HttpClient 5, so it is loaded next to whichever copy the builder comes from ({@link AdapterPackage}). Thread-safe.
 */
final class ApacheAsyncClient5Handlers {
  private final LlmTraffic traffic;
  private final ClassValue<Consumer<Object>> installers;

  ApacheAsyncClient5Handlers(LlmTraffic traffic, ClassLoader agentLoader) {
    this.traffic = traffic;
    this.installers = new AdapterPackage("dev.airbag.agent.instrument.apache5async.adapter", agentLoader, traffic)
        .perLibraryType("AsyncHandlerInstaller", builder -> { });
  }

  /** Adds the handler to an {@code HttpAsyncClientBuilder} about to build, unless it has it already. */
  void addTo(Object builder) {
    try {
      installers.get(builder.getClass()).accept(builder);
    } catch (Throwable t) {
      traffic.internalError("the Apache HttpClient 5 async hook", t);
    }
  }
}
