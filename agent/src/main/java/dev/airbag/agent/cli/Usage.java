package dev.airbag.agent.cli;

import java.io.PrintStream;

/** What {@code java -jar airbag-agent.jar} prints: the version and every command. Stateless. */
public final class Usage {
  private Usage() {}

  public static void print(String version, PrintStream out) {
    out.println("Airbag " + version);
    out.println("Makes a JVM app's LLM calls survive provider failures, with no code change.");
    out.println();
    out.println("Usage:");
    out.println("  java -javaagent:airbag-agent.jar[=config=PATH] -jar your-app.jar");
    out.println("      start an app with Airbag");
    out.println("  java -jar airbag-agent.jar attach PID [config=PATH]");
    out.println("      load Airbag into a running JVM (same user; JDK 21+ warns unless it runs with");
    out.println("      -XX:+EnableDynamicAgentLoading)");
    out.println("  java -jar airbag-agent.jar check-config PATH");
    out.println("      validate a properties file and print the effective configuration, secrets masked;");
    out.println("      exits 1 when the file has problems");
    out.println("  java -jar airbag-agent.jar version");
    out.println("  java -jar airbag-agent.jar help");
  }
}
