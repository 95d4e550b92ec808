package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.agent.telemetry.metrics.AgentMetrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the alert evaluation on a daemon thread {@code airbag-alerts}, started only when {@link #start()} is called:
 * {@link AgentMetrics} calls it once the registries exist, since before that every total is zero and no rule can
 * fire, so a JVM that never records a meter never starts the thread. After {@link #close()} it never starts.
 * Thread-safe.
 */
public final class AlertSchedule {
  private final Runnable tick;
  private final long everyNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private ScheduledExecutorService thread;
  private boolean closed;

  public AlertSchedule(Runnable tick, long everyNanos) {
    this.tick = tick;
    this.everyNanos = everyNanos;
  }

  /** Starts the periodic evaluation, the first one interval from now; later calls do nothing. */
  public void start() {
    lock.lock();
    try {
      if (closed || thread != null) {
        return;
      }
      thread = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("alerts"));
      thread.scheduleWithFixedDelay(tick, everyNanos, everyNanos, TimeUnit.NANOSECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread was started (and not yet closed). */
  boolean running() {
    lock.lock();
    try {
      return thread != null && !closed;
    } finally {
      lock.unlock();
    }
  }

  public void close() {
    ScheduledExecutorService started;
    lock.lock();
    try {
      closed = true;
      started = thread;
    } finally {
      lock.unlock();
    }
    if (started != null) {
      started.shutdownNow();
    }
  }
}
