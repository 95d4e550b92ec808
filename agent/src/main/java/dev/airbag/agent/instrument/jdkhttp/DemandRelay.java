package dev.airbag.agent.instrument.jdkhttp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands what an upstream subscription gives to one downstream subscriber at the downstream's pace: an optional first
 * item, then the items that came, then the end (reactive streams let onComplete and onError arrive without demand).
 * Upstream is asked only for what downstream asked and is not yet on its way, so at most one item more than
 * downstream wants is held. Downstream's cancel reaches upstream. Used for the rest of an error body Airbag read the
 * start of ({@link UnreadRest}) and for a request body it read the start of ({@link PreReadBody}).
 *
 * <p>Thread-safe: upstream signals on its threads while downstream requests and cancels on its own, possibly from
 * inside its onNext. Everything reaches downstream through a drain loop that one thread runs at a time, in order.
 */
final class DemandRelay<T> implements Flow.Subscription {
  private final Queue<T> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drains = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicLong inFlight;
  private volatile Flow.Subscription upstream;
  private volatile Flow.Subscriber<? super T> downstream;
  private volatile T first;
  private volatile boolean ended;
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private volatile IllegalArgumentException misuse;
  // Touched only inside the drain loop.
  private boolean firstDelivered;
  private boolean endDelivered;

  /**
   * @param upstream the subscription to relay, or null until {@link #onSubscribe} gives it
   * @param inFlight items already asked of upstream
   */
  DemandRelay(Flow.Subscription upstream, long inFlight) {
    this.upstream = upstream;
    this.inFlight = new AtomicLong(inFlight);
  }

  void onSubscribe(Flow.Subscription subscription) {
    upstream = subscription;
    drain();
  }

  /** Asks upstream for {@code n} items on the relay's account, before anyone downstream does. */
  void ask(long n) {
    inFlight.addAndGet(n);
    upstream.request(n);
  }

  /** What came and was not yet relayed; read it only before {@link #relayTo}. */
  Queue<T> arrived() {
    return arrived;
  }

  boolean ended() {
    return ended;
  }

  Throwable failure() {
    return failure;
  }

  void onNext(T item) {
    inFlight.decrementAndGet();
    // Items still in flight after a cancel are dropped.
    if (!cancelled) {
      arrived.add(item);
      drain();
    }
  }

  void onError(Throwable error) {
    failure = error;
    ended = true;
    drain();
  }

  void onComplete() {
    ended = true;
    drain();
  }

  /** Hands the items to {@code subscriber}: {@code firstItem} (if not null) first, then the rest as it asks. */
  void relayTo(Flow.Subscriber<? super T> subscriber, T firstItem) {
    first = firstItem;
    firstDelivered = firstItem == null;
    subscriber.onSubscribe(this);
    // Only now may a drain signal it: onSubscribe must return before anything else reaches the subscriber.
    downstream = subscriber;
    drain();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      // Reactive streams 3.9: a non-positive request is answered with onError.
      misuse = new IllegalArgumentException("non-positive subscription request: " + n);
      cancelUpstream();
      drain();
      return;
    }
    demand.getAndAccumulate(n, (held, more) -> held + more < 0 ? Long.MAX_VALUE : held + more);
    drain();
  }

  /** Drops the rest; upstream is cancelled. Idempotent. */
  @Override
  public void cancel() {
    cancelled = true;
    first = null;
    arrived.clear();
    cancelUpstream();
  }

  private void cancelUpstream() {
    Flow.Subscription source = upstream;
    if (source != null) {
      source.cancel();
    }
  }

  private void drain() {
    if (drains.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      step();
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    Flow.Subscriber<? super T> subscriber = downstream;
    if (subscriber == null || cancelled || endDelivered) {
      return;
    }
    if (misuse != null) {
      endDelivered = true;
      subscriber.onError(misuse);
      return;
    }
    if (!firstDelivered) {
      if (demand.get() == 0) {
        return;
      }
      T item = first;
      // A cancel since the check above took the item away.
      if (item == null) {
        return;
      }
      demand.decrementAndGet();
      firstDelivered = true;
      first = null;
      subscriber.onNext(item);
    }
    T item;
    while (!cancelled && demand.get() > 0 && (item = arrived.poll()) != null) {
      demand.decrementAndGet();
      subscriber.onNext(item);
    }
    if (cancelled) {
      return;
    }
    if (ended) {
      if (arrived.isEmpty()) {
        endDelivered = true;
        Throwable error = failure;
        if (error != null) {
          subscriber.onError(error);
        } else {
          subscriber.onComplete();
        }
      }
      return;
    }
    Flow.Subscription source = upstream;
    long wanted = demand.get() - inFlight.get() - arrived.size();
    // Before upstream's onSubscribe nothing can be asked; the drain it runs asks then.
    if (source != null && wanted > 0) {
      inFlight.addAndGet(wanted);
      source.request(wanted);
    }
  }
}
