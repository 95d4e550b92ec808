package dev.airbag.agent.config;

import java.util.List;

/**
 * Reads the {@code -javaagent:airbag-agent.jar=ARGS} string: comma-separated {@code name=value} pairs, of which
 * only {@code config=PATH} exists today. Anything else gets a problem line and is ignored. Stateless.
 */
final class AgentArguments {
  private AgentArguments() {}

  /** The config file path the arguments name, or null; appends a problem line per unusable argument. */
  static String configPath(String agentArgs, List<String> problems) {
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return null;
    }
    String path = null;
    for (String argument : agentArgs.split(",")) {
      String trimmed = argument.trim();
      int equals = trimmed.indexOf('=');
      String name = equals < 0 ? trimmed : trimmed.substring(0, equals).trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!name.equals("config")) {
        problems.add("unknown agent argument \"" + trimmed + "\"; the only agent argument is config=PATH. Ignored.");
        continue;
      }
      String value = equals < 0 ? "" : trimmed.substring(equals + 1).trim();
      if (value.isEmpty()) {
        problems.add("agent argument \"" + trimmed + "\" names no file; expected config=PATH. Ignored.");
        continue;
      }
      path = value;
    }
    return path;
  }
}
