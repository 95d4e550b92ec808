package dev.airbag.agent.cli;

import dev.airbag.agent.AirbagAgent;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar airbag-agent.jar COMMAND ...}: picks the command; returns the process exit code. */
public final class CommandLine {
  private CommandLine() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    switch (command) {
      case "help":
      case "--help":
      case "-h":
        Usage.print(AirbagAgent.version(), out);
        return 0;
      case "version":
      case "--version":
        out.println("Airbag " + AirbagAgent.version());
        return 0;
      case "check-config":
        return CheckConfigCommand.run(rest, out, err);
      case "attach":
        return AttachCommand.run(rest, out, err);
      default:
        err.println("unknown command: " + command + " (try: java -jar airbag-agent.jar help)");
        return 2;
    }
  }
}
