package dev.airbag.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the agent's own (relocated) SLF4J simple logger: one line per message on stderr, prefixed
 * {@code [airbag]}. Must run before the first logger is created.
 */
public final class AgentLog {
  // The shade plugin relocates these names with the logger, so they never touch the app's own SLF4J.
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private AgentLog() {}

  public static void configure(String level) {
    setIfAbsent("logFile", "System.err");
    setIfAbsent("showDateTime", "true");
    // A quoted literal as the "date" format prints the prefix where the timestamp would go.
    setIfAbsent("dateTimeFormat", "'[airbag]'");
    setIfAbsent("showThreadName", "false");
    setIfAbsent("showLogName", "false");
    setIfAbsent("showShortLogName", "false");
    setIfAbsent("defaultLogLevel", level);
  }

  public static Logger logger() {
    return LoggerFactory.getLogger("airbag");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}
