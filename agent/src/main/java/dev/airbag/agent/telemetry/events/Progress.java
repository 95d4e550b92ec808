package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.support.Waits;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many accepted events the exporter has finished with (written or failed), so that flush can wait for a
 * target without polling. Advanced only by the exporter thread; awaited by any. Thread-safe.
 */
final class Progress {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private long done;
  private boolean terminated;

  void advance(int events) {
    lock.lock();
    try {
      done += events;
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The exporter has stopped: nothing more will be done, so waiters stop waiting. */
  void terminate() {
    lock.lock();
    try {
      terminated = true;
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least target events are done; false on timeout, interrupt, or a stopped exporter. */
  boolean awaitAtLeast(long target, long timeoutNanos) {
    lock.lock();
    try {
      return Waits.until(advanced, () -> done >= target, () -> terminated, timeoutNanos);
    } finally {
      lock.unlock();
    }
  }
}
