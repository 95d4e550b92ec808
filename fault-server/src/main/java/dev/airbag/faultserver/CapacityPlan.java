package dev.airbag.faultserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A provider of fixed capacity: {@code slots} requests in service at once, each answered healthy after
 * {@code service}. A request that finds every slot taken waits in a first-in first-out queue of {@code queueLimit}
 * and is served when a slot frees; when the queue is full (or there is none, {@code queueLimit} 0) it is turned away
 * at once as overloaded, in its own wire format (Anthropic's 529, OpenAI's 503). Within {@code [dropFrom, dropTo)} of
 * the server's start (or last reset) only {@code slotsDuringDrop} slots exist: requests already in service finish,
 * new ones wait for the requests in service to fall below the smaller count.
 *
 * <p>A queued request keeps its place when its client gives up: the provider serves it anyway, as a real one does,
 * so abandoned work still holds a slot. Each request's start is fixed at its arrival (with a fixed service time the
 * schedule is known then), and its answer comes after its wait and its service; no completion hook is needed. The
 * clock is {@link RequestInfo#sinceStart()}, so a plan made for a fresh server starts with it.
 *
 * <p>Unlike the other plans it keeps state (the requests scheduled), so use one per server run. Thread-safe: a lock
 * guards the schedule (connection threads choose concurrently).
 */
public final class CapacityPlan implements FaultPlan {
  private final int slots;
  private final int slotsDuringDrop;
  private final int queueLimit;
  private final long serviceNanos;
  private final Duration dropFrom;
  private final Duration dropTo;
  private final Fault overloaded = Faults.overloaded();
  private final ReentrantLock lock = new ReentrantLock();
  // Start times (nanos since start) of the requests not yet done, in arrival order: first in, first served, so the
  // starts and the ends (start + service) never decrease along it.
  private final ArrayDeque<Long> scheduled = new ArrayDeque<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger peakQueued = new AtomicInteger();

  CapacityPlan(int slots, Duration service, Duration dropFrom, Duration dropTo, int slotsDuringDrop, int queueLimit) {
    if (slots < 1 || slotsDuringDrop < 0 || slotsDuringDrop > slots || queueLimit < 0) {
      throw new IllegalArgumentException("need 1 <= slots, 0 <= slots during the drop <= slots and a queue >= 0: "
          + slots + ", " + slotsDuringDrop + ", " + queueLimit);
    }
    if (service.isNegative() || dropTo.compareTo(dropFrom) < 0) {
      throw new IllegalArgumentException("need a service time >= 0 and the drop's end after its start");
    }
    this.slots = slots;
    this.slotsDuringDrop = slotsDuringDrop;
    this.queueLimit = queueLimit;
    this.serviceNanos = service.toNanos();
    this.dropFrom = dropFrom;
    this.dropTo = dropTo;
  }

  @Override
  public Fault choose(RequestInfo request) {
    long now = request.sinceStart().toNanos();
    long start;
    lock.lock();
    try {
      while (!scheduled.isEmpty() && scheduled.peekFirst() + serviceNanos <= now) {
        scheduled.pollFirst();
      }
      int queued = queuedAt(now);
      start = startFor(now);
      if (start > now && queued >= queueLimit) {
        rejected.incrementAndGet();
        return overloaded;
      }
      scheduled.addLast(start);
      if (start > now) {
        peakQueued.accumulateAndGet(queued + 1, Math::max);
      }
    } finally {
      lock.unlock();
    }
    accepted.incrementAndGet();
    return Faults.delayFirstByte(Duration.ofNanos(start - now + serviceNanos));
  }

  /**
   * The earliest moment from {@code now}, and not before the last request scheduled (first in, first served), at
   * which fewer requests are in service than the slots that exist then. Called under the lock.
   */
  private long startFor(long now) {
    long t = scheduled.isEmpty() ? now : Math.max(now, scheduled.peekLast());
    while (true) {
      // Every scheduled request starts at or before t, so those in service at t are those not yet ended.
      int inService = 0;
      long firstEnd = Long.MAX_VALUE;
      for (long started : scheduled) {
        if (started + serviceNanos > t) {
          inService++;
          firstEnd = Math.min(firstEnd, started + serviceNanos);
        }
      }
      if (inService < slotsAt(Duration.ofNanos(t))) {
        return t;
      }
      boolean dropped = t >= dropFrom.toNanos() && t < dropTo.toNanos();
      t = dropped ? Math.min(firstEnd, dropTo.toNanos()) : firstEnd;
    }
  }

  /** Requests scheduled to start after {@code now}: the queue. Called under the lock. */
  private int queuedAt(long now) {
    int queued = 0;
    for (Iterator<Long> it = scheduled.descendingIterator(); it.hasNext() && it.next() > now; ) {
      queued++;
    }
    return queued;
  }

  /** The slots that exist at {@code sinceStart}: all of them, or the share left during the drop. */
  public int slotsAt(Duration sinceStart) {
    boolean dropped = sinceStart.compareTo(dropFrom) >= 0 && sinceStart.compareTo(dropTo) < 0;
    return dropped ? slotsDuringDrop : slots;
  }

  /** Requests served (or queued to be) so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Requests turned away as overloaded so far. */
  public int rejected() {
    return rejected.get();
  }

  /** The most requests waiting in the queue at once so far (0 without a queue). */
  public int peakQueued() {
    return peakQueued.get();
  }
}
