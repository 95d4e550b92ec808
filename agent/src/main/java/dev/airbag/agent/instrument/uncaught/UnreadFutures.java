package dev.airbag.agent.instrument.uncaught;

import dev.airbag.agent.support.DaemonThreads;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failed executor tasks whose {@code Future} nobody has read yet. A failure counts as swallowed when its future is
 * garbage-collected unread, or is still unread after the grace period; a future read before then is forgotten.
 * Bounded; checked once a second on one daemon thread ({@code airbag-futures}). Thread-safe.
 */
final class UnreadFutures {
  private static final int MAX_PENDING = 10_000;

  private static final class Pending extends WeakReference<Object> {
    final Throwable error;
    final String threadName;
    final long failedAtNanos;
    final boolean completable;

    Pending(Object future, Throwable error, String threadName, long failedAtNanos, ReferenceQueue<Object> queue) {
      super(future, queue);
      this.error = error;
      this.threadName = threadName;
      this.failedAtNanos = failedAtNanos;
      this.completable = future instanceof java.util.concurrent.CompletableFuture;
    }
  }

  private final long graceNanos;
  private final Swallowed swallowed;
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  // Keyed by the future's identity while it lives; the reference list keeps what was collected.
  private final Map<Object, Pending> pending = new HashMap<>();
  private final ScheduledExecutorService checker;
  private volatile int pendingCount;

  /** Hears a failure nobody read: the error, the thread it happened on, and whether a CompletableFuture held it. */
  interface Swallowed {
    void accept(Throwable error, String threadName, boolean completableFuture);
  }

  UnreadFutures(long graceNanos, Swallowed swallowed) {
    this.graceNanos = graceNanos;
    this.swallowed = swallowed;
    this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> DaemonThreads.single("futures", runnable));
    checker.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
  }

  void failed(Object future, Throwable error) {
    if (hasDependents(future)) {
      return;
    }
    lock.lock();
    try {
      if (pending.size() < MAX_PENDING) {
        pending.put(new IdentityKey(future),
            new Pending(future, error, Thread.currentThread().getName(), System.nanoTime(), collected));
        pendingCount = pending.size();
      }
    } finally {
      lock.unlock();
    }
    // A stage chained while this failure was being recorded read nothing yet (reads are seen on exit): forget it.
    if (hasDependents(future)) {
      read(future);
    }
  }

  // A stage with dependents hands its failure to them: they are the ones that may go unread.
  private static boolean hasDependents(Object future) {
    return future instanceof java.util.concurrent.CompletableFuture
        && ((java.util.concurrent.CompletableFuture<?>) future).getNumberOfDependents() > 0;
  }

  void read(Object future) {
    // The common case by far: nothing failed unread, so reading costs one volatile read, no lock.
    if (pendingCount == 0) {
      return;
    }
    lock.lock();
    try {
      Pending removed = pending.remove(new IdentityKey(future));
      if (removed != null) {
        removed.clear();
      }
      pendingCount = pending.size();
    } finally {
      lock.unlock();
    }
  }

  private void check() {
    List<Pending> due = new ArrayList<>();
    long now = System.nanoTime();
    lock.lock();
    try {
      for (Object reference = collected.poll(); reference != null; reference = collected.poll()) {
        Pending gone = (Pending) reference;
        if (pending.values().remove(gone)) {
          due.add(gone);
        }
      }
      for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
        Pending waiting = it.next();
        if (now - waiting.failedAtNanos >= graceNanos) {
          it.remove();
          due.add(waiting);
        }
      }
      pendingCount = pending.size();
    } finally {
      lock.unlock();
    }
    for (Pending swallowedTask : due) {
      swallowed.accept(swallowedTask.error, swallowedTask.threadName, swallowedTask.completable);
    }
  }

  void close() {
    checker.shutdownNow();
  }

  /** Identity of a live future, without holding it strongly beyond the map entry's own weak reference. */
  private static final class IdentityKey {
    private final int hash;
    private final WeakReference<Object> future;

    IdentityKey(Object future) {
      this.hash = System.identityHashCode(future);
      this.future = new WeakReference<>(future);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof IdentityKey)) {
        return false;
      }
      Object mine = future.get();
      return mine != null && mine == ((IdentityKey) other).future.get();
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
