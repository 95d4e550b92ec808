package dev.airbag.agent.telemetry.events;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dispatcher's queue: a fixed ring allocated once, so an offer never allocates, and a lock held only to
 * move references, never across I/O. It counts every event it ever accepted under the same lock, which makes
 * "everything offered before now" a number the exporter's progress can be compared with (FIFO order).
 * ReentrantLock rather than synchronized, which would pin virtual threads. Thread-safe; one consumer.
 */
final class BoundedEventQueue {
  private final Event[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private int head;
  private int size;
  private long accepted;
  // Volatile so that a rejected offer can tell "full" from "closed" without the lock.
  private volatile boolean open = true;

  BoundedEventQueue(int capacity) {
    this.ring = new Event[capacity];
  }

  /** Adds the event; false when the queue is full or no longer accepting. */
  boolean offer(Event event) {
    lock.lock();
    try {
      if (!open || size == ring.length) {
        return false;
      }
      ring[(head + size) % ring.length] = event;
      size++;
      accepted++;
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves up to max events into out, oldest first, waiting while the queue is empty and open. Returns with
   * nothing moved only once the queue is closed and empty.
   */
  void awaitAndDrain(List<Event> out, int max) throws InterruptedException {
    awaitAndDrain(out, max, Long.MAX_VALUE);
  }

  /** As {@link #awaitAndDrain(List, int)}, but returns with nothing once {@code timeoutNanos} have passed. */
  void awaitAndDrain(List<Event> out, int max, long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = timeoutNanos;
      while (size == 0 && open) {
        if (timeoutNanos == Long.MAX_VALUE) {
          notEmpty.await();
        } else if (left <= 0) {
          return;
        } else {
          left = notEmpty.awaitNanos(left);
        }
      }
      while (size > 0 && out.size() < max) {
        out.add(ring[head]);
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting; the consumer drains what is left, then sees an empty closed queue. */
  void close() {
    lock.lock();
    try {
      open = false;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Discards what is queued and returns how many events that was. */
  int clear() {
    lock.lock();
    try {
      int discarded = size;
      while (size > 0) {
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
      }
      return discarded;
    } finally {
      lock.unlock();
    }
  }

  /** False once closed: a rejected offer then means shutdown, not overflow. */
  boolean accepting() {
    return open;
  }

  int capacity() {
    return ring.length;
  }

  /** How many events were ever accepted. */
  long accepted() {
    lock.lock();
    try {
      return accepted;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }
}
