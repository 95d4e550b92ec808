package dev.airbag.agent.wiring;

import dev.airbag.agent.AirbagAgent;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExceptionKeys;
import dev.airbag.agent.instrument.Instrumentations;
import java.lang.instrument.Instrumentation;
import org.slf4j.Logger;

/**
 * Builds the runtime and installs the instrumentations, which connect their hooks to the bootstrap bridge. Kept apart
 * from {@link AgentInstaller} because what it reaches names bootstrap classes, which exist only once the bootstrap jar
 * is appended.
 */
final class AgentActivation {
  private AgentActivation() {}

  static void activate(AirbagConfig config, Instrumentation instrumentation, Logger log) {
    AgentRuntime runtime = AgentRuntime.create(config);
    Instrumentations.install(instrumentation, runtime.traffic(), runtime.exceptions(),
        config.get(ExceptionKeys.EXECUTORS));
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::shutdown, "airbag-shutdown"));
    log.info("Airbag {} active: config {}; watching {}; events to {}", AirbagAgent.version(), config.origin(),
        runtime.describeEndpoints(), runtime.describeSinks());
  }
}
