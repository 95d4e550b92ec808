package dev.airbag.agent.instrument;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that wait on a slow error body so that the app's thread does not: one per body still trickling in, gone
 * after a minute idle. Daemon, named {@code airbag-body-read-N}, with the agent's loader as context loader.
 * Thread-safe.
 */
public final class BodyReadThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private BodyReadThreads() {}

  /** The shared executor; created on first use, so that an app whose error bodies come at once never gets it. */
  public static ExecutorService executor() {
    return Holder.EXECUTOR;
  }

  private static final class Holder {
    static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), task -> {
          Thread thread = new Thread(task, "airbag-body-read-" + COUNT.incrementAndGet());
          thread.setDaemon(true);
          thread.setContextClassLoader(BodyReadThreads.class.getClassLoader());
          return thread;
        });
  }
}
