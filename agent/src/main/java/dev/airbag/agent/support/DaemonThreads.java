package dev.airbag.agent.support;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's only thread factory. Its threads are daemons, so they never keep the app's JVM alive; named
 * {@code airbag-<purpose>-<n>}, so they are plain in a thread dump and skipped by the exception hooks; and they
 * have the agent's loader as context loader, so they never pin the app's. Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  /** @param purpose what the threads do, e.g. {@code export-otlp}; the name gets {@code airbag-} before it */
  public DaemonThreads(String purpose) {
    this.prefix = "airbag-" + purpose + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    thread.setDaemon(true);
    thread.setContextClassLoader(DaemonThreads.class.getClassLoader());
    return thread;
  }

  /** One thread named exactly {@code airbag-<purpose>}, for a loop of which there is only ever one. */
  public static Thread single(String purpose, Runnable task) {
    Thread thread = new DaemonThreads(purpose).newThread(task);
    thread.setName("airbag-" + purpose);
    return thread;
  }

  /** An unbounded pool whose idle threads end after a minute: none exist until a task needs one. */
  public static ExecutorService cachedPool(String purpose) {
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        new DaemonThreads(purpose));
  }
}
