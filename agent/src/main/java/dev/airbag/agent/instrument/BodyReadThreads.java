package dev.airbag.agent.instrument;

import dev.airbag.agent.support.DaemonThreads;
import java.util.concurrent.ExecutorService;

/**
 * Threads that wait on a slow error body so that the app's thread does not: one per body still trickling in, gone
 * after a minute idle. Thread-safe.
 */
public final class BodyReadThreads {
  private BodyReadThreads() {}

  /** The shared executor; created on first use, so that an app whose error bodies come at once never gets it. */
  public static ExecutorService executor() {
    return Holder.EXECUTOR;
  }

  private static final class Holder {
    static final ExecutorService EXECUTOR = DaemonThreads.cachedPool("body-read");
  }
}
