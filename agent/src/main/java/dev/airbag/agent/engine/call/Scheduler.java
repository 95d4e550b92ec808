package dev.airbag.agent.engine.call;

import dev.airbag.agent.support.DaemonThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Waits without a thread: the asynchronous twin of {@link dev.airbag.agent.engine.time.Sleeper}, injected so that
 * tests control time. Thread-safe.
 */
public interface Scheduler {
  /** A future that completes after {@code nanos}. */
  CompletableFuture<Void> after(long nanos);

  /** One daemon thread named {@code airbag-scheduler}, started on first use, that only completes futures. */
  Scheduler SYSTEM = new Scheduler() {
    @Override
    public CompletableFuture<Void> after(long nanos) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Holder.EXECUTOR.schedule(() -> done.complete(null), Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return done;
    }
  };

  /** Lazily created so that apps that never wait asynchronously never get the thread. */
  final class Holder {
    static final ScheduledExecutorService EXECUTOR = create();

    private Holder() {}

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> DaemonThreads.single("scheduler", runnable));
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
