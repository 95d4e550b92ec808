package dev.airbag.agent.telemetry.export;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code airbag-<purpose>-<n>}, so the exporter never keeps the JVM alive and shows up
 * plainly in thread dumps. The agent's loader is their context loader, never the app's. Thread-safe.
 */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(String purpose) {
    this.prefix = "airbag-" + purpose + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    thread.setDaemon(true);
    thread.setContextClassLoader(DaemonThreads.class.getClassLoader());
    return thread;
  }
}
