package dev.airbag.agent;

import java.io.PrintStream;

/** {@code java -jar airbag-agent.jar}: usage and version. */
final class CommandLine {
  private CommandLine() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("version")) {
      out.println("Airbag " + AirbagAgent.version());
      out.println("Makes a JVM app's LLM calls survive provider failures, with no code change.");
      out.println();
      out.println("Usage:");
      out.println("  java -javaagent:airbag-agent.jar[=config=PATH] -jar your-app.jar");
      out.println("  java -jar airbag-agent.jar version");
      return 0;
    }
    err.println("unknown command: " + args[0] + " (try: java -jar airbag-agent.jar help)");
    return 2;
  }
}
