package dev.airbag.agent.instrument.jdkhttp;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body only its publisher can give ({@code fromPublisher}, {@code ofInputStream}, a custom publisher, a
 * framework's streaming body), read by Airbag before the first attempt so that the model is known to the circuit's
 * first decision and the body can be sent again. Airbag is the publisher's only subscriber, since many are one-shot:
 * it asks for one item at a time and stops asking past the bound or the wait. A body read to its end within both is
 * sent from memory by every attempt; any other is sent once: what was read, then the rest relayed from the publisher
 * as the client asks for it, its cancel passed on, its end or failure as the publisher gives it.
 *
 * <p>Thread-safe: the publisher signals on its threads while the client requests and cancels on its own (see
 * {@link DemandRelay}).
 */
final class PreReadBody implements Flow.Subscriber<ByteBuffer> {
  private final int maxBytes;
  private final long declaredLength;
  private final DemandRelay<ByteBuffer> relay = new DemandRelay<>(null, 0);
  private final AtomicLong size = new AtomicLong();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final AtomicBoolean relayed = new AtomicBoolean();
  private final CompletableFuture<Void> settled = new CompletableFuture<>();
  private volatile boolean reading = true;
  // Set once, by read(), before anyone can ask for them.
  private byte[] bytes;
  private String why;

  private PreReadBody(int maxBytes, long declaredLength) {
    this.maxBytes = maxBytes;
    this.declaredLength = declaredLength;
  }

  /**
   * Subscribes to {@code publisher} and waits at most {@code waitMillis} for its end, holding at most the bound.
   *
   * @param declaredLength the length the app's publisher declares, or -1 for unknown (sent chunked)
   */
  static PreReadBody read(Flow.Publisher<ByteBuffer> publisher, long declaredLength, int maxBytes, long waitMillis) {
    PreReadBody body = new PreReadBody(maxBytes, declaredLength);
    publisher.subscribe(body);
    try {
      body.settled.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException slowOrBroken) {
      // What came so far is sent first; the rest is relayed as the client asks.
    }
    body.reading = false;
    long size = body.size.get();
    boolean ended = body.relay.ended();
    // A length that differs from the declared one is sent as read, once, so that the client refuses it as it would.
    if (ended && body.relay.failure() == null && size <= maxBytes && (declaredLength < 0 || declaredLength == size)) {
      body.bytes = concat(body.relay.arrived(), (int) size);
    } else {
      body.why = body.reason(size, ended);
    }
    return body;
  }

  /** True when the whole body is held and can be sent any number of times. */
  boolean complete() {
    return bytes != null;
  }

  /** The whole body (shared: do not modify), or null when it is not {@link #complete()}. */
  byte[] bytes() {
    return bytes;
  }

  /** Why the body is not complete, for the call's event; null when it is. */
  String why() {
    return why;
  }

  /**
   * What each attempt sends in place of the app's publisher, with its framing: a declared length stays declared, an
   * unknown one stays unknown (chunked). One that is not {@link #complete()} can be sent once.
   */
  HttpRequest.BodyPublisher publisher() {
    if (bytes == null) {
      return new Relay();
    }
    HttpRequest.BodyPublisher memory = HttpRequest.BodyPublishers.ofByteArray(bytes);
    return declaredLength < 0 ? HttpRequest.BodyPublishers.fromPublisher(memory) : memory;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    // Reactive streams 2.5: a second subscription is cancelled.
    if (!subscribed.compareAndSet(false, true)) {
      subscription.cancel();
      return;
    }
    relay.onSubscribe(subscription);
    // After the wait, the client's demand asks.
    if (reading) {
      relay.ask(1);
    }
  }

  @Override
  public void onNext(ByteBuffer item) {
    ByteBuffer copy = ByteBuffer.allocate(item.remaining());
    copy.put(item).flip();
    long total = size.addAndGet(copy.remaining());
    relay.onNext(copy);
    if (reading && total <= maxBytes) {
      relay.ask(1);
      return;
    }
    // Past the bound (or the wait): the client's demand drives the rest.
    settled.complete(null);
  }

  @Override
  public void onError(Throwable throwable) {
    relay.onError(throwable);
    settled.complete(null);
  }

  @Override
  public void onComplete() {
    relay.onComplete();
    settled.complete(null);
  }

  private String reason(long size, boolean ended) {
    if (size > maxBytes) {
      return "is larger than " + maxBytes + " bytes";
    }
    if (relay.failure() != null) {
      return "failed while Airbag read it";
    }
    return ended ? "does not have the " + declaredLength + " bytes it declares" : "did not end while Airbag waited for it";
  }

  private static byte[] concat(Iterable<ByteBuffer> buffers, int length) {
    byte[] all = new byte[length];
    int at = 0;
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      buffer.duplicate().get(all, at, n);
      at += n;
    }
    return all;
  }

  /** The body sent once: what was read, then the rest from the publisher. */
  private final class Relay implements HttpRequest.BodyPublisher {
    @Override
    public long contentLength() {
      return declaredLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      if (relayed.compareAndSet(false, true)) {
        relay.relayTo(subscriber, null);
        return;
      }
      // The publisher gave its bytes once, and they are gone.
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("a request body from a publisher can be sent only once"));
    }
  }
}
