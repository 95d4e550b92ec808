package dev.airbag.agent.telemetry.metrics;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the metrics code's threads: daemon, so they never keep the app's JVM alive, named {@code airbag-*} so
 * that they are recognisable in a thread dump and skipped by the hooks, and with the agent's class loader as
 * context loader so they never pin the app's. Thread-safe.
 */
final class DaemonThreads implements ThreadFactory {
  private final String name;
  private final AtomicInteger count = new AtomicInteger();

  /** @param name starts with {@code airbag-}; threads after the first get a {@code -2}, {@code -3} suffix */
  DaemonThreads(String name) {
    if (!name.startsWith("airbag-")) {
      throw new IllegalArgumentException("agent threads are named airbag-*: " + name);
    }
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable task) {
    int n = count.incrementAndGet();
    Thread thread = new Thread(task, n == 1 ? name : name + "-" + n);
    thread.setDaemon(true);
    thread.setContextClassLoader(DaemonThreads.class.getClassLoader());
    return thread;
  }
}
