package dev.airbag.agent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's Premain-Class, Agent-Class and Main-Class, compiled for Java 8: on a JVM older than the agent supports
 * it prints one {@code [airbag]} line and returns, so the app starts as without the agent; otherwise it hands over,
 * by reflection, to {@code dev.airbag.agent.AirbagAgent}, whose Java 11 bytecode must not be linked before the check.
 */
public final class AgentLauncher {
  private static final String AGENT = "dev.airbag.agent.AirbagAgent";

  private AgentLauncher() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    delegateAsAgent("premain", agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    delegateAsAgent("agentmain", agentArgs, instrumentation);
  }

  public static void main(String[] args) throws Throwable {
    String refusal = JavaVersion.commandRefusalForThisJvm();
    if (refusal != null) {
      System.err.println(refusal);
      System.exit(1);
    }
    try {
      agentClass(true).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void delegateAsAgent(String method, String agentArgs, Instrumentation instrumentation) {
    // An agent must never stop the app: every failure here is one line on stderr.
    try {
      String refusal = JavaVersion.refusalForThisJvm();
      if (refusal != null) {
        System.err.println(refusal);
        return;
      }
      Method entry = agentClass(false).getMethod(method, String.class, Instrumentation.class);
      entry.invoke(null, agentArgs, instrumentation);
    } catch (InvocationTargetException e) {
      System.err.println("[airbag] ERROR Airbag could not start (" + e.getCause() + "); the app runs without it");
    } catch (Throwable t) {
      System.err.println("[airbag] ERROR Airbag could not start (" + t + "); the app runs without it");
    }
  }

  private static ClassLoader agentLoader;

  /**
   * The agent's classes come from their own loader over the jar's class pack. As an agent its parent is
   * the platform loader, so the app's classes never leak into Airbag; on the command line (attach, check-config)
   * the system loader, which also reaches {@code jdk.attach}. A jar built without that folder (unit tests, an
   * exploded build) is loaded as it is.
   */
  private static synchronized Class<?> agentClass(boolean commandLine) throws Exception {
    if (agentLoader == null) {
      File jar = new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      boolean packaged = jar.isFile() && AgentClassLoader.isAgentJar(jar);
      ClassLoader system = ClassLoader.getSystemClassLoader();
      agentLoader = !packaged ? AgentLauncher.class.getClassLoader()
          : new AgentClassLoader(jar, commandLine ? system : system.getParent());
    }
    return Class.forName(AGENT, true, agentLoader);
  }
}
