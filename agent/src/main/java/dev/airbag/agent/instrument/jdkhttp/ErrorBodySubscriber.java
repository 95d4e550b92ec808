package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.call.Scheduler;
import dev.airbag.agent.instrument.BodyReadThreads;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads an error response's body for Airbag, one item at a time and no further than a bound in bytes and in time: a
 * body that ends within both becomes a whole {@link HeldErrorBody}; a longer one (a proxy's megabytes of logs, an
 * endless stream) or a slower one (a body trickling in) completes the body early with the bytes read so far and the
 * still-open subscription as its {@link UnreadRest}, so that neither Airbag's memory nor the app's wait depends on
 * what the provider sends. The client may complete a body before the stream ends, as
 * {@code BodySubscribers.ofInputStream} does. Signals after the hand-off go to the rest. Thread-safe: the client
 * signals serially, the time bound fires on another thread, and a lock decides which of them hands the body over.
 */
final class ErrorBodySubscriber implements HttpResponse.BodySubscriber<HeldErrorBody> {
  private final int limit;
  private final CompletableFuture<HeldErrorBody> body = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private ByteArrayOutputStream read = new ByteArrayOutputStream();
  private Flow.Subscription upstream;
  private UnreadRest rest;
  private boolean done;
  private boolean timeIsUp;

  /** @param waitOver completes when Airbag stops waiting for the body and goes on with what came */
  ErrorBodySubscriber(int limit, CompletionStage<?> waitOver) {
    this.limit = limit;
    waitOver.thenRun(this::timeUp);
  }

  /** Waits at most {@code waitNanos}, then hands over on one of {@link BodyReadThreads}. */
  static ErrorBodySubscriber waitingAtMost(int limit, long waitNanos) {
    // Off the scheduler's own thread, so that whatever follows the hand-off never delays Airbag's other waits.
    return new ErrorBodySubscriber(limit, Scheduler.SYSTEM.after(waitNanos)
        .thenApplyAsync(ignored -> null, BodyReadThreads.executor()));
  }

  @Override
  public CompletionStage<HeldErrorBody> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    HeldErrorBody early;
    lock.lock();
    try {
      // Reactive streams: a second subscription must be cancelled.
      if (upstream != null) {
        subscription.cancel();
        return;
      }
      upstream = subscription;
      // No time to wait at all: the whole body is the app's, nothing asked for yet.
      early = timeIsUp ? handOver(0, true) : null;
    } finally {
      lock.unlock();
    }
    if (early != null) {
      body.complete(early);
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    UnreadRest handedOver;
    HeldErrorBody whole = null;
    lock.lock();
    try {
      handedOver = rest;
      if (handedOver == null && !done) {
        for (ByteBuffer item : items) {
          ByteBuffer view = item.duplicate();
          byte[] chunk = new byte[view.remaining()];
          view.get(chunk);
          read.write(chunk, 0, chunk.length);
        }
        if (read.size() > limit) {
          // Past the bound: stop asking, so the client stops reading; what follows waits on the wire.
          whole = handOver(0, false);
        }
      }
    } finally {
      lock.unlock();
    }
    if (handedOver != null) {
      handedOver.onNext(items);
    } else if (whole != null) {
      body.complete(whole);
    } else {
      // Asked for even when the time ran out meanwhile: the rest counts this request as in flight.
      upstream.request(1);
    }
  }

  @Override
  public void onError(Throwable failure) {
    UnreadRest handedOver = finish();
    if (handedOver != null) {
      handedOver.onError(failure);
    } else {
      body.completeExceptionally(failure);
    }
  }

  @Override
  public void onComplete() {
    byte[] whole;
    UnreadRest handedOver;
    lock.lock();
    try {
      handedOver = rest;
      whole = handedOver == null && !done ? read.toByteArray() : null;
      done = true;
      read = null;
    } finally {
      lock.unlock();
    }
    if (handedOver != null) {
      handedOver.onComplete();
    } else if (whole != null) {
      body.complete(new HeldErrorBody(whole, null, false));
    }
  }

  /** The wait is over: the bytes that came are Airbag's, the rest goes on to whoever gets the response. */
  private void timeUp() {
    HeldErrorBody early;
    lock.lock();
    try {
      timeIsUp = true;
      // Before the subscription, onSubscribe hands over.
      early = upstream != null && rest == null && !done ? handOver(1, true) : null;
    } finally {
      lock.unlock();
    }
    if (early != null) {
      body.complete(early);
    }
  }

  private UnreadRest finish() {
    lock.lock();
    try {
      done = true;
      read = null;
      return rest;
    } finally {
      lock.unlock();
    }
  }

  private HeldErrorBody handOver(long inFlight, boolean cutByTime) {
    rest = new UnreadRest(upstream, inFlight);
    byte[] prefix = read.toByteArray();
    read = null;
    done = true;
    return new HeldErrorBody(prefix, rest, cutByTime);
  }
}
