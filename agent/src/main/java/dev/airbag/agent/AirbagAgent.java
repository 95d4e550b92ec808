package dev.airbag.agent;

import dev.airbag.agent.cli.CommandLine;
import dev.airbag.agent.wiring.AgentInstaller;
import dev.airbag.agent.wiring.FaultInjection;

import dev.airbag.agent.instrument.Instrumentations;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points, reached through {@code dev.airbag.agent.launcher.AgentLauncher} once it has checked
 * the Java version: {@code premain} for {@code -javaagent}, {@code agentmain} for attach, and {@code main} for the
 * command line. Does as little as possible and catches everything: the app must run whatever happens.
 */
public final class AirbagAgent {
  private AirbagAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    // A second load would stack a second set of hooks and interceptors on the first.
    if (active()) {
      System.err.println("[airbag] Airbag is already active in this JVM; the attach changes nothing");
      return;
    }
    start(agentArgs, instrumentation);
    if (!active()) {
      return;
    }
    try {
      Instrumentations.installOnAttach(instrumentation);
    } catch (Throwable t) {
      System.err.println("[airbag] WARN OkHttp clients built before the attach stay unprotected (" + t + ")");
    }
  }

  public static void main(String[] args) {
    System.exit(CommandLine.run(args, System.out, System.err));
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    try {
      // Test-only; FaultInjection names bootstrap types only in a method that runs once they exist.
      if (FaultInjection.is("start")) {
        throw new IllegalStateException("fault injected at start-up by -D" + FaultInjection.PROPERTY + "=start");
      }
      AgentInstaller.install(agentArgs, instrumentation);
      if (FaultInjection.is("bridge") && active()) {
        FaultInjection.afterStart();
      }
    } catch (Throwable t) {
      System.err.println("[airbag] ERROR Airbag could not start (" + t + "); the app runs without it");
    }
  }

  /** Whether an agent bridge is installed; asked reflectively, since the bootstrap classes may not exist yet. */
  private static boolean active() {
    try {
      Class<?> holder = Class.forName("dev.airbag.bootstrap.BridgeHolder", false, null);
      return holder.getMethod("get").invoke(null) != null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notInstalled) {
      return false;
    }
  }

  /** The agent's version, from the jar manifest. */
  public static String version() {
    String version = AirbagAgent.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
