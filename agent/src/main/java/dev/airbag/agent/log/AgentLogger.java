package dev.airbag.agent.log;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One logger of the agent's SLF4J binding: writes {@code [airbag] LEVEL message} on the current {@code System.err},
 * then the throwable's stack trace if there is one, as one unit so that threads do not interleave. One level,
 * {@code airbag.log.level}, holds for every logger. Thread-safe.
 */
public final class AgentLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private static final Object WRITE_LOCK = new Object();
  // Level.toInt(): TRACE 0, DEBUG 10, INFO 20, WARN 30, ERROR 40; above ERROR logs nothing.
  private static final int OFF = Level.ERROR.toInt() + 10;
  private static volatile int threshold = Level.INFO.toInt();

  AgentLogger(String name) {
    this.name = name;
  }

  /** Sets the level of every logger: error, warn, info, debug, trace or off, in any case; others mean info. */
  public static void setLevel(String level) {
    String word = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
    if (word.equals("OFF")) {
      threshold = OFF;
      return;
    }
    for (Level candidate : Level.values()) {
      if (candidate.name().equals(word)) {
        threshold = candidate.toInt();
        return;
      }
    }
    threshold = Level.INFO.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
      Throwable throwable) {
    String line = "[airbag] " + level.name() + " " + MessageFormatter.basicArrayFormat(messagePattern, arguments);
    PrintStream err = System.err;
    synchronized (WRITE_LOCK) {
      err.println(line);
      if (throwable != null) {
        throwable.printStackTrace(err);
      }
      err.flush();
    }
  }

  private static boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }
}
