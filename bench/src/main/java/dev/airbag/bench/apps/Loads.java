package dev.airbag.bench.apps;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The two ways an app loads its provider in the no-harm matrix. Closed loop: one call after another, as a batch
 * job does. Open loop: calls arrive at a fixed rate whatever the earlier ones are doing, served by a pool of
 * threads, as a server sees its users; a call's time counts from its arrival, queueing included. Both are
 * bounded in count and time. Not thread-safe; one run per instance.
 */
final class Loads {
  /** Threads serving arrivals, as a servlet container's pool would. */
  static final int POOL = 64;

  private Loads() {
  }

  /** {@code calls} calls one after another; a call not started within {@code max} counts as failed. */
  static Outcomes closed(int calls, Duration max, IntFunction<Boolean> call) {
    Outcomes outcomes = new Outcomes(calls);
    long deadline = System.nanoTime() + max.toNanos();
    for (int i = 0; i < calls && System.nanoTime() < deadline; i++) {
      long t0 = System.nanoTime();
      boolean ok = call.apply(i);
      outcomes.record(i, ok, System.nanoTime() - t0);
    }
    return outcomes;
  }

  /**
   * {@code calls} arrivals {@code 1/rate} seconds apart, each handed to the pool as it arrives; calls still
   * running {@code drain} after the last arrival count as failed (the app gave up on them).
   */
  static Outcomes open(int calls, double rate, Duration drain, IntFunction<Boolean> call) throws InterruptedException {
    Outcomes outcomes = new Outcomes(calls);
    ExecutorService pool = Executors.newFixedThreadPool(POOL, daemon("matrix-worker"));
    long periodNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      int index = i;
      long arrival = start + i * periodNanos;
      // An arrival the clock is late for is handed over at once: the schedule, not the pool, sets the rate.
      LockSupport.parkNanos(arrival - System.nanoTime());
      pool.execute(() -> outcomes.record(index, call.apply(index), System.nanoTime() - arrival));
    }
    pool.shutdown();
    pool.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS);
    return outcomes;
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
