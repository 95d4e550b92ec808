package dev.airbag.agent.log;

import org.slf4j.Logger;

/**
 * The agent's own log: one line per message on stderr, prefixed {@code [airbag]} ({@link AgentLogger}). Its loggers
 * are made here, not through SLF4J's {@code LoggerFactory}, whose first call looks for bindings with a {@code
 * ServiceLoader} (some 5 ms of premain); the agent's relocated libraries that log still find {@link AgentLogProvider}
 * that way, when they first do. It never touches the app's own SLF4J or logging.
 */
public final class AgentLog {
  private static final Logger AIRBAG = new AgentLogger("airbag");

  private AgentLog() {}

  /** Sets the level of the agent's log lines ({@code airbag.log.level}). */
  public static void configure(String level) {
    AgentLogger.setLevel(level);
  }

  public static Logger logger() {
    return AIRBAG;
  }

  /** A logger named for a class, for lines whose origin is worth telling at debug level. */
  public static Logger logger(Class<?> type) {
    return new AgentLogger(type.getName());
  }
}
