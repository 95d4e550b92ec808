package dev.airbag.agent.instrument.jdkhttp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A request body as a one-shot publisher gives it ({@code fromPublisher} over a stream): its chunks, one per unit of
 * demand, in the caller's thread; a second subscriber gets an error. Optionally fails after some chunks, or holds its
 * chunks until the test releases them. Records what was asked of it. Not thread-safe; the tests drive it from one
 * thread.
 */
final class OneShotPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
  private final List<byte[]> chunks;
  private final RuntimeException failAfter;
  private Flow.Subscriber<? super ByteBuffer> subscriber;
  private int sent;
  private long pending;
  private boolean emitting;
  private boolean held;
  int subscriptions;
  long requested;
  boolean cancelled;

  private OneShotPublisher(List<byte[]> chunks, RuntimeException failAfter) {
    this.chunks = chunks;
    this.failAfter = failAfter;
  }

  static OneShotPublisher of(List<byte[]> chunks) {
    return new OneShotPublisher(chunks, null);
  }

  /** Gives its chunks, then fails with {@code failure} instead of completing. */
  static OneShotPublisher failing(List<byte[]> chunks, RuntimeException failure) {
    return new OneShotPublisher(chunks, failure);
  }

  /** Gives nothing until {@link #release()}: a body whose writer has not caught up yet. */
  OneShotPublisher held() {
    held = true;
    return this;
  }

  void release() {
    held = false;
    request(0);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    subscriptions++;
    if (this.subscriber != null) {
      subscriber.onSubscribe(this);
      subscriber.onError(new IllegalStateException("one-shot publisher subscribed twice"));
      return;
    }
    this.subscriber = subscriber;
    subscriber.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    requested += n;
    pending += n;
    if (emitting || held) {
      return;
    }
    emitting = true;
    while (pending > 0 && sent < chunks.size() && !cancelled) {
      pending--;
      subscriber.onNext(ByteBuffer.wrap(chunks.get(sent++)));
    }
    emitting = false;
    if (sent == chunks.size() && !cancelled && subscriber != null) {
      Flow.Subscriber<? super ByteBuffer> done = subscriber;
      sent++;
      if (failAfter != null) {
        done.onError(failAfter);
      } else {
        done.onComplete();
      }
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }
}
