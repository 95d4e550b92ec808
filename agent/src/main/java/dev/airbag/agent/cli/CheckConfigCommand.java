package dev.airbag.agent.cli;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigSources;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code check-config PATH}: loads the file exactly as the agent would (environment variables included, since
 * they override the file at run time), prints the effective configuration with secrets masked and every problem,
 * and exits 1 when there is any. Stateless.
 */
public final class CheckConfigCommand {
  private CheckConfigCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println("usage: java -jar airbag-agent.jar check-config PATH");
      return 2;
    }
    AirbagConfig config = AirbagConfig.load(ConfigSources.of("config=" + args.get(0), Map.of(), System.getenv()));
    out.println("# " + config.origin());
    out.print(config.describe());
    if (config.problems().isEmpty()) {
      out.println("# no problems");
      return 0;
    }
    for (String problem : config.problems()) {
      err.println("problem: " + problem);
    }
    err.println(config.problems().size() + (config.problems().size() == 1 ? " problem" : " problems")
        + " in " + args.get(0) + "; the agent would start with the values above");
    return 1;
  }
}
