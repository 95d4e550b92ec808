package dev.airbag.agent.instrument.jdkhttp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of an error body Airbag did not read: the client's subscription, still open, with any item already asked
 * for when Airbag stopped waiting, plus its end if it came before anyone asked (reactive streams let onComplete and
 * onError arrive without demand). The attempt's fate decides the rest's: {@link #cancel()} when the engine drops the
 * attempt (the client then releases the connection), or {@link #relayTo} when the app gets the response: the app's
 * subscriber receives the bytes Airbag read, then the rest live, its demand passed on to the client and its cancel
 * too, as if it had read the network.
 *
 * <p>Thread-safe: the client signals on its threads while the app requests and cancels on its own, possibly from
 * inside its onNext. Everything reaches the app through a drain loop that one thread runs at a time, in order: the
 * bytes read, the items that came, then the end; the client is asked only for what the app asked and is not yet on
 * its way, so at most one item more than the app wants is ever held.
 */
final class UnreadRest implements Flow.Subscription {
  private final Flow.Subscription upstream;
  private final Queue<List<ByteBuffer>> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drains = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicLong inFlight;
  private volatile Flow.Subscriber<? super List<ByteBuffer>> app;
  private volatile byte[] prefix;
  private volatile boolean ended;
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private volatile IllegalArgumentException misuse;
  // Touched only inside the drain loop.
  private boolean prefixDelivered;
  private boolean endDelivered;

  /** @param inFlight items already asked of the client when Airbag stopped reading (0 or 1) */
  UnreadRest(Flow.Subscription upstream, long inFlight) {
    this.upstream = upstream;
    this.inFlight = new AtomicLong(inFlight);
  }

  /** Hands the body to {@code subscriber}: {@code read} first, then the rest as the subscriber asks for it. */
  void relayTo(Flow.Subscriber<? super List<ByteBuffer>> subscriber, byte[] read) {
    prefix = read;
    subscriber.onSubscribe(this);
    // Only now may a drain signal it: onSubscribe must return before anything else reaches the subscriber.
    app = subscriber;
    drain();
  }

  void onNext(List<ByteBuffer> items) {
    inFlight.decrementAndGet();
    // Items still in flight after a cancel are dropped.
    if (!cancelled) {
      arrived.add(items);
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

  @Override
  public void request(long n) {
    if (n <= 0) {
      // Reactive streams 3.9: a non-positive request is answered with onError.
      misuse = new IllegalArgumentException("non-positive subscription request: " + n);
      upstream.cancel();
      drain();
      return;
    }
    demand.getAndAccumulate(n, (held, more) -> held + more < 0 ? Long.MAX_VALUE : held + more);
    drain();
  }

  /** Drops the rest; the client then releases the connection. Idempotent. */
  @Override
  public void cancel() {
    cancelled = true;
    prefix = null;
    arrived.clear();
    upstream.cancel();
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
    Flow.Subscriber<? super List<ByteBuffer>> subscriber = app;
    if (subscriber == null || cancelled || endDelivered) {
      return;
    }
    if (misuse != null) {
      endDelivered = true;
      subscriber.onError(misuse);
      return;
    }
    if (!prefixDelivered) {
      if (demand.get() == 0) {
        return;
      }
      byte[] read = prefix;
      // A cancel since the check above took the bytes away.
      if (read == null) {
        return;
      }
      demand.decrementAndGet();
      prefixDelivered = true;
      prefix = null;
      subscriber.onNext(List.of(ByteBuffer.wrap(read)));
    }
    List<ByteBuffer> item;
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
    long wanted = demand.get() - inFlight.get() - arrived.size();
    if (wanted > 0) {
      inFlight.addAndGet(wanted);
      upstream.request(wanted);
    }
  }
}
