package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.Waits;
import dev.airbag.agent.support.ThrottledLog;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A collector sink's buffer, spool, folds and retry schedule behind one lock that is never held across the
 * network (disk writes of the spool, yes). Order rule: fresh events are posted only while the spool is empty;
 * otherwise they join the spool behind what is there, so the collector sees batches in the order they were
 * handed in. "Down" means the spool holds batches and the next retry is not due yet. Thread-safe.
 */
final class DeliveryState {
  private final DeliverySettings settings;
  private final Spool spool;
  private final Clock clock;
  private final RandomSource random;
  private final DeliveryLedger ledger;
  private final EventFolder folder;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final MemoryBuffer memory;
  private final long requestTimeoutNanos;
  private boolean flushRequested;
  private boolean closing;
  private long closeDeadlineNanos;
  private boolean busy;
  private boolean stopped;
  private boolean finished;
  private long pinnedSeq = -1;
  private int failures;
  private long retryAtNanos;

  DeliveryState(String name, DeliverySettings settings, long requestTimeoutNanos, Spool spool, Clock clock,
      RandomSource random, ThrottledLog log) {
    this.settings = settings;
    this.spool = spool;
    this.clock = clock;
    this.random = random;
    this.ledger = new DeliveryLedger(name, log);
    this.folder = new EventFolder(settings.dedupeWindow().toNanos(), settings.maxFolds());
    this.memory = new MemoryBuffer(settings.batchSize(), settings.flushInterval().toNanos());
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.retryAtNanos = clock.nanoTime();
  }

  /** From the dispatcher thread: fold, buffer, and spool the buffer when it is full. No network. */
  void accept(List<Event> batch) {
    lock.lock();
    try {
      long now = clock.nanoTime();
      folder.expire(now, this::enqueue);
      for (Event event : batch) {
        if (folder.absorb(event, now)) {
          ledger.folded();
        } else {
          enqueue(event);
        }
      }
      // The sender is slower than the app (or the collector is away): memory stays bounded, disk takes over.
      if (memory.size() >= settings.memoryCapacity() || finished) {
        spoolMemory();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The sender's next batch, waiting as long as there is none; null when the sender should stop. */
  Pending next() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = clock.nanoTime();
        folder.expire(now, this::enqueue);
        boolean down = !spool.isEmpty() && retryAtNanos - now > 0;
        if (closing && (down || now - closeDeadlineNanos >= 0)) {
          return null;
        }
        if (!spool.isEmpty() && !down) {
          SpoolEntry oldest = spool.oldest();
          pinnedSeq = oldest.seq;
          busy = true;
          return Pending.spooled(oldest, timeoutNanos(now));
        }
        if (!memory.isEmpty() && ready(now)) {
          if (!down) {
            busy = true;
            return Pending.fresh(memory.take(), spool.reserve(), timeoutNanos(now));
          }
          // While the collector is away, batches wait on disk rather than in memory.
          spoolMemory();
        }
        if (closing) {
          return null;
        }
        if (memory.isEmpty() && spool.isEmpty()) {
          flushRequested = false;
          changed.signalAll();
        }
        awaitUntil(wakeAt(down));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Books the sender's result: a spool file is deleted only on 2xx or a final refusal. */
  void complete(Pending pending, SendResult result) {
    lock.lock();
    try {
      int events = pending.events();
      switch (result.kind) {
        case SENT:
          ledger.sent(events);
          failures = 0;
          retryAtNanos = clock.nanoTime();
          deleteIfSpooled(pending);
          break;
        case REJECTED:
          ledger.rejected(events, result.detail);
          deleteIfSpooled(pending);
          break;
        case UNUSABLE:
          ledger.unusable(events, result.detail);
          deleteIfSpooled(pending);
          break;
        default:
          failures++;
          long delay = RetryDelay.nanos(settings, failures, result.waitHintMillis, random.nextDouble());
          retryAtNanos = clock.nanoTime() + delay;
          if (pending.fresh != null) {
            store(pending.seq, pending.fresh);
          }
          ledger.unreachable(result.detail, TimeUnit.NANOSECONDS.toMillis(delay));
      }
      busy = false;
      pinnedSeq = -1;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Close begins: folds are closed now, and the sender has until the shutdown timeout to deliver. */
  void beginClose() {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      closeDeadlineNanos = clock.nanoTime() + settings.shutdownTimeout().toNanos();
      folder.drain(this::enqueue);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** After the sender is gone (or given up on): spool what memory holds and release the spool's lock. */
  void finish() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      folder.drain(this::enqueue);
      spoolMemory();
      finished = true;
      spool.close();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The sender's way out, whatever the reason: nothing it was given may stay only in memory. */
  void senderStopped() {
    lock.lock();
    try {
      spoolMemory();
      stopped = true;
      busy = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void senderFailed(Throwable failure) {
    ledger.failed(failure);
  }

  /** Asks for delivery without the flush interval and waits until memory and spool are empty. */
  boolean awaitDrained(long timeoutNanos) {
    lock.lock();
    try {
      flushRequested = true;
      changed.signalAll();
      return Waits.until(changed, () -> memory.isEmpty() && spool.isEmpty() && !busy, () -> stopped, timeoutNanos);
    } finally {
      lock.unlock();
    }
  }

  SinkCounters counters() {
    return ledger.counters();
  }

  long spoolBytes() {
    lock.lock();
    try {
      return spool.bytes();
    } finally {
      lock.unlock();
    }
  }

  Path spoolDirectory() {
    return spool.directory();
  }

  private void enqueue(Event event) {
    memory.add(event, clock.nanoTime());
  }

  private boolean ready(long now) {
    return closing || flushRequested || memory.due(now);
  }

  private void spoolMemory() {
    while (!memory.isEmpty()) {
      store(spool.reserve(), memory.take());
    }
  }

  private void store(long seq, List<Event> batch) {
    long dropped;
    try {
      Spool.Stored result = spool.store(seq, batch, pinnedSeq);
      if (result.stored) {
        ledger.spooled(batch.size());
      }
      dropped = result.dropped;
    } catch (IOException | RuntimeException e) {
      // Disk full or the directory gone: the batch has nowhere to wait.
      dropped = batch.size();
    }
    if (dropped > 0) {
      ledger.dropped(dropped);
    }
  }

  private void deleteIfSpooled(Pending pending) {
    if (pending.entry != null) {
      spool.delete(pending.entry);
    }
  }

  private long timeoutNanos(long now) {
    return closing ? Math.max(1, Math.min(requestTimeoutNanos, closeDeadlineNanos - now)) : requestTimeoutNanos;
  }

  private long wakeAt(boolean down) {
    long at = folder.nextExpiryNanos();
    if (down) {
      at = Math.min(at, retryAtNanos);
    }
    return Math.min(at, memory.dueAtNanos());
  }

  private void awaitUntil(long atNanos) throws InterruptedException {
    if (atNanos == Long.MAX_VALUE) {
      changed.await();
      return;
    }
    long wait = atNanos - clock.nanoTime();
    if (wait > 0) {
      changed.awaitNanos(wait);
    }
  }
}
