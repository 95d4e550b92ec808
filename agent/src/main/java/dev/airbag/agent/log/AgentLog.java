package dev.airbag.agent.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log: its (relocated) SLF4J, bound to {@link dev.airbag.agent.log.AgentLogProvider}, writes one line
 * per message on stderr, prefixed {@code [airbag]}. It never touches the app's own SLF4J or logging.
 */
public final class AgentLog {
  private AgentLog() {}

  /** Sets the level of the agent's log lines ({@code airbag.log.level}). */
  public static void configure(String level) {
    AgentLogger.setLevel(level);
  }

  public static Logger logger() {
    return LoggerFactory.getLogger("airbag");
  }
}
