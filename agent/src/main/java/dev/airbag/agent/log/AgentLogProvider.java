package dev.airbag.agent.log;

import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The agent's own (relocated) SLF4J binding, found through {@code META-INF/services}: every logger, the agent's and
 * its libraries', writes {@link AgentLogger}'s one-line format on stderr. In place of slf4j-simple, whose date
 * formatter alone cost start-up some 15 ms of locale loading for a prefix that never changes. Thread-safe.
 */
public final class AgentLogProvider implements SLF4JServiceProvider, ILoggerFactory {
  private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public Logger getLogger(String name) {
    Logger logger = loggers.get(name);
    if (logger == null) {
      Logger created = new AgentLogger(name);
      logger = loggers.putIfAbsent(name, created);
      if (logger == null) {
        logger = created;
      }
    }
    return logger;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return this;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to read: the level is set by AgentLogger.setLevel once the configuration is loaded.
  }
}
