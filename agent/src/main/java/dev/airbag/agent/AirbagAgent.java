package dev.airbag.agent;

import java.lang.instrument.Instrumentation;

/**
 * The jar's entry points: {@code premain} for {@code -javaagent}, {@code agentmain} for attach, and {@code main}
 * for the command line. Does as little as possible and catches everything: the app must start whatever happens.
 */
public final class AirbagAgent {
  private AirbagAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void main(String[] args) {
    System.exit(CommandLine.run(args, System.out, System.err));
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    try {
      AgentInstaller.install(agentArgs, instrumentation);
    } catch (Throwable t) {
      System.err.println("[airbag] ERROR Airbag could not start (" + t + "); the app runs without it");
    }
  }

  /** The agent's version, from the jar manifest. */
  public static String version() {
    String version = AirbagAgent.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
