package dev.airbag.agent.wiring;

import dev.airbag.agent.AirbagAgent;
import dev.airbag.agent.log.AgentLog;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.config.ConfigSources;
import java.lang.instrument.Instrumentation;
import org.slf4j.Logger;

/**
 * Reads the configuration, builds the engine and installs the instrumentations. Every step that can fail says so
 * in one line; the app starts either way.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  public static void install(String agentArgs, Instrumentation instrumentation) throws Exception {
    AirbagConfig config = AirbagConfig.load(ConfigSources.system(agentArgs));
    AgentLog.configure(config.get(ConfigKeys.LOG_LEVEL));
    Logger log = AgentLog.logger();
    for (String problem : config.problems()) {
      log.warn(problem);
    }
    if (!config.get(ConfigKeys.ENABLED)) {
      log.info("Airbag {} is disabled by airbag.enabled=false; the app runs without it", AirbagAgent.version());
      return;
    }
    if (!bootstrapVisible()) {
      BootstrapJar.install(instrumentation);
    }
    // Only now may classes that name bootstrap types be loaded: the verifier resolves them on first use.
    AgentActivation.activate(config, instrumentation, log);
  }

  private static boolean bootstrapVisible() {
    try {
      Class.forName("dev.airbag.bootstrap.BridgeHolder", false, null);
      return true;
    } catch (ClassNotFoundException notYet) {
      return false;
    }
  }
}
