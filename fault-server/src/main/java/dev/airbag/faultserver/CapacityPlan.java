package dev.airbag.faultserver;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A provider of fixed capacity: {@code slots} requests in service at once, each answered healthy after
 * {@code service}; a request that finds every slot taken is turned away at once as overloaded, in its own wire format
 * (Anthropic's 529, OpenAI's 503). Within {@code [dropFrom, dropTo)} of the server's start (or last reset) only
 * {@code slotsDuringDrop} slots exist: requests already in service finish, new ones wait for the fleet to fall below
 * the smaller count. A request is in service from its arrival to arrival + {@code service}, so no completion hook is
 * needed; the clock is {@link RequestInfo#sinceStart()}, so a plan made for a fresh server starts with it.
 *
 * <p>Unlike the other plans it keeps state (the requests in service), so use one per server run. Thread-safe: a lock
 * guards the end times (connection threads choose concurrently).
 */
public final class CapacityPlan implements FaultPlan {
  private final int slots;
  private final int slotsDuringDrop;
  private final Duration service;
  private final Duration dropFrom;
  private final Duration dropTo;
  private final Fault served;
  private final Fault overloaded = Faults.overloaded();
  private final ReentrantLock lock = new ReentrantLock();
  // End times (nanos since start) of accepted requests; a heap, since threads may hand arrivals over out of order.
  private final PriorityQueue<Long> inService = new PriorityQueue<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();

  CapacityPlan(int slots, Duration service, Duration dropFrom, Duration dropTo, int slotsDuringDrop) {
    if (slots < 1 || slotsDuringDrop < 0 || slotsDuringDrop > slots) {
      throw new IllegalArgumentException("need 1 <= slots and 0 <= slots during the drop <= slots: " + slots + ", "
          + slotsDuringDrop);
    }
    if (service.isNegative() || dropTo.compareTo(dropFrom) < 0) {
      throw new IllegalArgumentException("need a service time >= 0 and the drop's end after its start");
    }
    this.slots = slots;
    this.slotsDuringDrop = slotsDuringDrop;
    this.service = service;
    this.dropFrom = dropFrom;
    this.dropTo = dropTo;
    this.served = Faults.delayFirstByte(service);
  }

  @Override
  public Fault choose(RequestInfo request) {
    long now = request.sinceStart().toNanos();
    lock.lock();
    try {
      while (!inService.isEmpty() && inService.peek() <= now) {
        inService.poll();
      }
      if (inService.size() >= slotsAt(request.sinceStart())) {
        rejected.incrementAndGet();
        return overloaded;
      }
      inService.add(now + service.toNanos());
    } finally {
      lock.unlock();
    }
    accepted.incrementAndGet();
    return served;
  }

  /** The slots that exist at {@code sinceStart}: all of them, or the share left during the drop. */
  public int slotsAt(Duration sinceStart) {
    boolean dropped = sinceStart.compareTo(dropFrom) >= 0 && sinceStart.compareTo(dropTo) < 0;
    return dropped ? slotsDuringDrop : slots;
  }

  /** Requests served so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Requests turned away as overloaded so far. */
  public int rejected() {
    return rejected.get();
  }
}
